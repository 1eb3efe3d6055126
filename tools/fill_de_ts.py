#!/usr/bin/env python3
"""Fills translations/cada_de.ts from the German glossary below (run after lupdate).

Kept in the repository so that new strings are translated in one place and the .ts can be
regenerated; prints every source text that has no German text yet and exits 1 if there is one.
"""
import sys
import xml.etree.ElementTree as ET

DE = {
    # GroupsPanel
    "Implicit classes found by the model. Double-click to rename.":
        "Vom Modell gefundene implizite Klassen. Doppelklick zum Umbenennen.",
    "Group %1": "Gruppe %1",
    "All groups\n%1 images, %2 flagged": "Alle Gruppen\n%1 Bilder, %2 markiert",
    "%1\n%2 images, %3 flagged (%4 in training)": "%1\n%2 Bilder, %3 markiert (%4 im Training)",
    "Unknown\n%1 images, %2 flagged": "Unbekannt\n%1 Bilder, %2 markiert",
    # HistogramPanel
    "Images": "Bilder",
    "Aligned score": "Ausgerichteter Score",
    "Raw score": "Roh-Score",
    "Calibration normals": "Kalibrier-Normalbilder",
    "Overlay each group's calibration normals and show the projected false-reject rate at the threshold":
        "Die Kalibrier-Normalbilder jeder Gruppe einblenden und die erwartete Fehlausschussrate "
        "beim Schwellwert zeigen",
    "Histogram of": "Histogramm von",
    "%1 (%2 images)": "%1 (%2 Bilder)",
    ", false-reject %1 %": ", Fehlausschuss %1 %",
    "%1 calibration normals (%2)": "%1 Kalibrier-Normalbilder (%2)",
    "Raw detector score": "Roher Detektor-Score",
    # ImageListModel
    "Pending": "Ausstehend",
    "OK": "OK",
    "Defective": "Defekt",
    "Unknown type": "Unbekannter Typ",
    "Error: %1": "Fehler: %1",
    "Unknown": "Unbekannt",
    "Aligned score %1, raw score %2, predicted normal mean %3, max %4":
        "Ausgerichteter Score %1, Roh-Score %2, vorhergesagter Normal-Mittelwert %3, Maximum %4",
    "Image": "Bild",
    "File": "Datei",
    "Group": "Gruppe",
    "Score": "Score",
    "Verdict": "Urteil",
    # ImagePanel
    "Heatmap": "Heatmap",
    "Show the anomaly heatmap (H)": "Anomalie-Heatmap anzeigen (H)",
    "Contours": "Konturen",
    "Outline regions whose aligned score is above the threshold":
        "Bereiche umranden, deren ausgerichteter Score über dem Schwellwert liegt",
    "Heatmap opacity": "Deckkraft der Heatmap",
    "Colour scale: aligned score from threshold - 1 to threshold + 1":
        "Farbskala: ausgerichteter Score von Schwellwert - 1 bis Schwellwert + 1",
    "Fit": "Einpassen",
    "Fit the image to the view (F)": "Bild in die Ansicht einpassen (F)",
    "100 %": "100 %",
    "Show the image at its actual size (1)": "Bild in Originalgröße zeigen (1)",
    "Side by side": "Nebeneinander",
    "Original and heatmap next to each other": "Original und Heatmap nebeneinander",
    "Opacity": "Deckkraft",
    # ImageView
    "Select an image in the list.": "Wählen Sie ein Bild in der Liste.",
    "Loading %1 ...": "%1 wird geladen ...",
    "Score %1 (threshold %2) | %3 %": "Score %1 (Schwellwert %2) | %3 %",
    "x %1, y %2": "x %1, y %2",
    "x %1, y %2: %3": "x %1, y %2: %3",
    # MainWindow
    "CADA Inspect": "CADA Inspect",
    "Filter by file name": "Nach Dateiname filtern",
    "Flagged only": "Nur markierte",
    "%1: %v/%m, %2 s left": "%1: %v/%m, noch %2 s",
    "%1: %v/%m": "%1: %v/%m",
    "Scoring finished.": "Bewertung abgeschlossen.",
    "Scoring cancelled.": "Bewertung abgebrochen.",
    "Scoring failed.": "Bewertung fehlgeschlagen.",
    "Scoring failed": "Bewertung fehlgeschlagen",
    "The heatmap could not be recomputed: %1": "Die Heatmap konnte nicht neu berechnet werden: %1",
    "&File": "&Datei",
    "Open &model...": "&Modell öffnen...",
    "Ctrl+M": "Ctrl+M",
    "Recent models": "Zuletzt verwendete Modelle",
    "&Train new model...": "Neues Modell &trainieren...",
    "Ctrl+T": "Ctrl+T",
    "&Open folder...": "Ordner ö&ffnen...",
    "Recent folders": "Zuletzt verwendete Ordner",
    "P&references...": "&Einstellungen...",
    "&Quit": "&Beenden",
    "&View": "&Ansicht",
    "&Next image": "&Nächstes Bild",
    "&Previous image": "&Vorheriges Bild",
    "Main": "Haupt",
    "Score histogram": "Score-Histogramm",
    "Groups": "Gruppen",
    "Cancel": "Abbrechen",
    "Open model": "Modell öffnen",
    "CADA models (*.cada);;All files (*)": "CADA-Modelle (*.cada);;Alle Dateien (*)",
    "Open image folder": "Bildordner öffnen",
    "Cancel the running batch before opening another model.":
        "Brechen Sie die laufende Bewertung ab, bevor Sie ein anderes Modell öffnen.",
    "Loading model %1 ...": "Modell %1 wird geladen ...",
    "Model %1 | %2 | %3": "Modell %1 | %2 | %3",
    "No model": "Kein Modell",
    "Cancel the running batch before opening another folder.":
        "Brechen Sie die laufende Bewertung ab, bevor Sie einen anderen Ordner öffnen.",
    "Scanning %1 ...": "%1 wird durchsucht ...",
    "CADA Inspect - %1": "CADA Inspect - %1",
    "Open folder": "Ordner öffnen",
    "The new model was saved to %1. Cancel the running batch, then open it.":
        "Das neue Modell wurde unter %1 gespeichert. Brechen Sie die laufende Bewertung ab und öffnen Sie es dann.",
    "No images": "Keine Bilder",
    "Flagged %1 of %2 (%3 scored)": "%1 von %2 markiert (%3 bewertet)",
    "No model (File > Open model)": "Kein Modell (Datei > Modell öffnen)",
    # PreferencesDialog
    "Preferences": "Einstellungen",
    "System default": "Systemvorgabe",
    "A change of language applies after a restart.": "Eine geänderte Sprache gilt nach einem Neustart.",
    "Recorded with your review decisions": "Wird mit Ihren Prüfentscheidungen gespeichert",
    "Used for models that have no colormap of their own yet":
        "Für Modelle, die noch keine eigene Farbtabelle haben",
    "Language:": "Sprache:",
    "Reviewer name:": "Name des Prüfers:",
    "Default colormap:": "Standard-Farbtabelle:",
    # ScoreWorker, Screenshot
    "Unexpected error in the worker thread.": "Unerwarteter Fehler im Arbeits-Thread.",
    "Could not write the screenshot %1.": "Der Screenshot %1 konnte nicht geschrieben werden.",
    # ThresholdControl
    "Global threshold on the aligned score": "Globaler Schwellwert auf dem ausgerichteten Score",
    "Default": "Standard",
    "Reset to the model's default threshold": "Auf den Standard-Schwellwert des Modells zurücksetzen",
    "Threshold": "Schwellwert",
    "Reset to the model's default threshold (%1)": "Auf den Standard-Schwellwert des Modells zurücksetzen (%1)",
    # TrainDialog
    "%1 h %2 min left": "noch %1 h %2 min",
    "%1 min %2 s left": "noch %1 min %2 s",
    "%1 s left": "noch %1 s",
    "Train new model": "Neues Modell trainieren",
    "Folders of normal images. MVTec AD and VisA layouts contribute their normal training images; "
    "plain folders every image.":
        "Ordner mit Normalbildern. Bei MVTec-AD- und VisA-Strukturen werden deren normale "
        "Trainingsbilder verwendet, bei einfachen Ordnern alle Bilder.",
    "Add folder...": "Ordner hinzufügen...",
    "Remove": "Entfernen",
    "PatchCore (memory bank)": "PatchCore (Speicherbank)",
    "Reverse Distillation": "Reverse Distillation",
    "Built-in scattering network (no weights needed)": "Eingebautes Scattering-Netz (ohne Gewichte)",
    "Built-in random CNN (seeded)": "Eingebautes Zufalls-CNN (mit Seed)",
    "TorchScript file (.pt)": "TorchScript-Datei (.pt)",
    "TorchScript backbone file": "TorchScript-Datei des Backbones",
    "Browse...": "Durchsuchen...",
    " px": " px",
    "Images are resized to this square side (a multiple of 16).":
        "Bilder werden auf diese quadratische Seitenlänge skaliert (ein Vielfaches von 16).",
    "Automatic (CUDA when available)": "Automatisch (CUDA, falls verfügbar)",
    "CPU": "CPU",
    "CUDA GPU": "CUDA-GPU",
    "Model file to write (*.cada)": "Zu schreibende Modelldatei (*.cada)",
    "Training folders:": "Trainingsordner:",
    "Detector:": "Detektor:",
    "Backbone:": "Backbone:",
    "Image size:": "Bildgröße:",
    "Device:": "Gerät:",
    "Save model as:": "Modell speichern unter:",
    "Train": "Trainieren",
    "Model saved to %1.": "Modell unter %1 gespeichert.",
    "Training cancelled; no model was written.": "Training abgebrochen; es wurde kein Modell geschrieben.",
    "Training failed: %1": "Training fehlgeschlagen: %1",
    "Add training folder": "Trainingsordner hinzufügen",
    "TorchScript backbone": "TorchScript-Backbone",
    "TorchScript files (*.pt *.pth);;All files (*)": "TorchScript-Dateien (*.pt *.pth);;Alle Dateien (*)",
    "Save model as": "Modell speichern unter",
    "CADA models (*.cada)": "CADA-Modelle (*.cada)",
    "Add at least one folder of normal training images.":
        "Fügen Sie mindestens einen Ordner mit normalen Trainingsbildern hinzu.",
    "The image size must be a multiple of 16 (got %1).": "Die Bildgröße muss ein Vielfaches von 16 sein (erhalten: %1).",
    "Choose an existing TorchScript file for the backbone, or pick a built-in backbone.":
        "Wählen Sie eine vorhandene TorchScript-Datei für das Backbone oder ein eingebautes Backbone.",
    "Choose where to save the model file.": "Wählen Sie, wo die Modelldatei gespeichert werden soll.",
    "The folder %1 does not exist; choose another place for the model file.":
        "Der Ordner %1 existiert nicht; wählen Sie einen anderen Ort für die Modelldatei.",
    "Scanning folders": "Ordner werden durchsucht",
    "Could not read the training folders: %1": "Die Trainingsordner konnten nicht gelesen werden: %1",
    "No normal training images were found in the chosen folders.":
        "In den gewählten Ordnern wurden keine normalen Trainingsbilder gefunden.",
    "%1: %v/%m, %2": "%1: %v/%m, %2",
    "Cancelling...": "Wird abgebrochen...",
    # main
    "CADA Inspect: absolute-unified visual anomaly detection workstation":
        "CADA Inspect: Arbeitsplatz für absolut vereinheitlichte visuelle Anomalieerkennung",
    "Open this model file.": "Diese Modelldatei öffnen.",
    "Open this image folder.": "Diesen Bildordner öffnen.",
    "Use this threshold instead of the model's.": "Diesen Schwellwert statt dem des Modells verwenden.",
    "After scoring, save the window to this PNG file and exit.":
        "Nach der Bewertung das Fenster in diese PNG-Datei speichern und beenden.",
    "Select the N-th image of the list (from 0).": "Das N-te Bild der Liste auswählen (ab 0).",
    "What --screenshot saves: window, histogram or heatmap (default: window).":
        "Was --screenshot speichert: window, histogram oder heatmap (Standard: window).",
    "Histogram scores: aligned or raw (default: aligned).":
        "Scores im Histogramm: aligned oder raw (Standard: aligned).",
    "Window size, e.g. 1280x800.": "Fenstergröße, z. B. 1280x800.",
    "Interface language for this run: system, en or de (default: preferences).":
        "Sprache der Oberfläche für diesen Lauf: system, en oder de (Standard: Einstellungen).",
    "--threshold expects a number, got '%1'.": "--threshold erwartet eine Zahl, erhalten: '%1'.",
    "--select expects a row number >= 0, got '%1'.": "--select erwartet eine Zeilennummer >= 0, erhalten: '%1'.",
    "--screenshot-panel expects window, histogram or heatmap, got '%1'.":
        "--screenshot-panel erwartet window, histogram oder heatmap, erhalten: '%1'.",
    "--histogram expects aligned or raw, got '%1'.": "--histogram erwartet aligned oder raw, erhalten: '%1'.",
    "--window-size expects WIDTHxHEIGHT of at least 320x240, got '%1'.":
        "--window-size erwartet BREITExHÖHE von mindestens 320x240, erhalten: '%1'.",
    "--screenshot needs --model and --open.": "--screenshot benötigt --model und --open.",
    # EvaluationPanel
    "Layout labels": "Layout-Labels",
    "Review decisions": "Prüfentscheidungen",
    "Ground truth: the labels of an MVTec AD / VisA layout stored in the project, or your review decisions (OK = normal, defective = anomalous; unsure and unreviewed images are left out)":
        "Referenz: die im Projekt gespeicherten Labels eines MVTec-AD-/VisA-Layouts oder Ihre "
        "Prüfentscheidungen (OK = normal, defekt = anomal; unsichere und ungeprüfte Bilder zählen nicht)",
    "Precision:": "Präzision:",
    "Recall:": "Trefferquote:",
    "F1:": "F1:",
    "False alarms:": "Fehlalarme:",
    "Misses:": "Übersehene:",
    "Flagged": "Markiert",
    "Passed": "Bestanden",
    "Normal": "Normal",
    "Confusion matrix at the current threshold: rows are the ground truth, columns the verdict":
        "Konfusionsmatrix beim aktuellen Schwellwert: Zeilen sind die Referenz, Spalten das Urteil",
    "False-positive rate": "Falsch-positiv-Rate",
    "True-positive rate": "Richtig-positiv-Rate",
    "Labelled": "Gelabelt",
    "AUROC": "AUROC",
    "AP": "AP",
    "F1-max": "F1-max",
    "Best F1": "Bester F1",
    "Set the threshold where F1 is highest": "Den Schwellwert mit dem höchsten F1 setzen",
    "Target false-alarm rate: the share of normal images that may be flagged":
        "Ziel-Fehlalarmrate: der Anteil normaler Bilder, der markiert werden darf",
    "False-alarm rate...": "Fehlalarmrate...",
    "Set the lowest threshold that flags at most the target share of normal images":
        "Den niedrigsten Schwellwert setzen, der höchstens den Zielanteil normaler Bilder markiert",
    "Ground truth:": "Referenz:",
    "Open or create a project to evaluate it.": "Öffnen oder erstellen Sie ein Projekt, um es auszuwerten.",
    "No image of this project has a layout label. Choose review decisions.":
        "Kein Bild dieses Projekts hat ein Layout-Label. Wählen Sie Prüfentscheidungen.",
    "No image has been marked OK or defective yet.": "Noch kein Bild wurde als OK oder defekt markiert.",
    "%1 labelled images (%2 defective, %3 normal) at threshold %4.":
        "%1 gelabelte Bilder (%2 defekt, %3 normal) bei Schwellwert %4.",
    "%1 (%2 % of normal)": "%1 (%2 % der normalen)",
    "All images (pooled)": "Alle Bilder (gepoolt)",
    "Mean of groups": "Mittel der Gruppen",
    # GroupsPanel (project without model)
    "%1\n%2 images, %3 flagged": "%1\n%2 Bilder, %3 markiert",
    # ImageListModel, review
    "Review": "Prüfen",
    "Unsure": "Unsicher",
    "%1 by %2 at %3": "%1 von %2 am %3",
    "unnamed reviewer": "unbenannter Prüfer",
    "Decision": "Entscheidung",
    "Note": "Notiz",
    # MainWindow, review
    "All images": "Alle Bilder",
    "Unreviewed": "Ungeprüft",
    "Reviewed": "Geprüft",
    "Disagreements": "Widersprüche",
    "Review filter; a disagreement is a decision that contradicts the verdict":
        "Prüffilter; ein Widerspruch ist eine Entscheidung, die dem Urteil widerspricht",
    "&Review": "&Prüfung",
    "Evaluation": "Auswertung",
    "Model %1 (from the project)": "Modell %1 (aus dem Projekt)",
    "not scored": "nicht bewertet",
    # ProjectController
    "&New project...": "&Neues Projekt...",
    "Save the scored images, scores, groups and threshold as a project":
        "Die bewerteten Bilder, Scores, Gruppen und den Schwellwert als Projekt speichern",
    "Open &project...": "&Projekt öffnen...",
    "Ctrl+Shift+O": "Ctrl+Shift+O",
    "Recent projects": "Zuletzt geöffnete Projekte",
    "&Export report...": "Bericht &exportieren...",
    "Ctrl+E": "Ctrl+E",
    "New project": "Neues Projekt",
    "CADA projects (*.cadaproj);;All files (*)": "CADA-Projekte (*.cadaproj);;Alle Dateien (*)",
    "Open project": "Projekt öffnen",
    "Export report to folder": "Bericht in Ordner exportieren",
    "Wait until the running batch or project operation has finished.":
        "Warten Sie, bis der laufende Stapel oder Projektvorgang beendet ist.",
    "A project is made from a fully scored batch: open a model and a folder first and let scoring finish.":
        "Ein Projekt entsteht aus einem vollständig bewerteten Stapel: Öffnen Sie zuerst ein Modell und "
        "einen Ordner und lassen Sie die Bewertung abschließen.",
    "Creating project %1 ...": "Projekt %1 wird erstellt ...",
    "Project %1 created.": "Projekt %1 erstellt.",
    "Relocate images": "Bilder verschieben",
    "Images moved": "Bilder verschoben",
    "Choose new folder...": "Neuen Ordner wählen...",
    "Open as it is": "Unverändert öffnen",
    "Folder that now holds %1": "Ordner, der jetzt %1 enthält",
    "The project's model %1 is not available: scores are shown, heatmaps are not.":
        "Das Modell %1 des Projekts ist nicht verfügbar: Scores werden gezeigt, Heatmaps nicht.",
    "Review decision": "Prüfentscheidung",
    "Review band": "Prüfband",
    "Group names": "Gruppennamen",
    "Export report": "Bericht exportieren",
    "A report is being written already.": "Es wird bereits ein Bericht geschrieben.",
    "Create or open a project first (File > New project).":
        "Erstellen oder öffnen Sie zuerst ein Projekt (Datei > Neues Projekt).",
    "Writing the report...": "Bericht wird geschrieben...",
    "Report written to %1 (no heatmap overlays: the model is not available or nothing is flagged).":
        "Bericht nach %1 geschrieben (keine Heatmap-Overlays: das Modell ist nicht verfügbar oder nichts ist markiert).",
    "Report export cancelled.": "Berichtsexport abgebrochen.",
    # ReviewBandControl
    "Review band from": "Prüfband ab",
    'Images scoring between this value and the threshold get the verdict "Review" and are reviewed first':
        'Bilder mit Scores zwischen diesem Wert und dem Schwellwert erhalten das Urteil "Prüfen" und '
        'werden zuerst geprüft',
    # ReviewBar, ReviewController
    "Note on this image (saved when you press Return or leave the field)":
        "Notiz zu diesem Bild (gespeichert mit Eingabetaste oder beim Verlassen des Felds)",
    "Mark the image OK (O)": "Bild als OK markieren (O)",
    "Mark the image defective (D)": "Bild als defekt markieren (D)",
    "Mark the image unsure (U)": "Bild als unsicher markieren (U)",
    "Not reviewed": "Nicht geprüft",
    "%1 (%2)": "%1 (%2)",
    "Mark &OK": "Als &OK markieren",
    "Mark &defective": "Als &defekt markieren",
    "Mark &unsure": "Als &unsicher markieren",
    "&Clear decision": "Entscheidung &löschen",
    "Next &unreviewed image": "Nächstes &ungeprüftes Bild",
    "Review decisions are saved in a project: create one with File > New project.":
        "Prüfentscheidungen werden in einem Projekt gespeichert: Erstellen Sie eins mit Datei > Neues Projekt.",
    "Every image in the list has been reviewed.": "Jedes Bild der Liste wurde geprüft.",
}

# Plural forms: German, like English, has singular and plural.
DE_PLURAL = {
    "Relocated %n image(s); %1 not found, %2 with other content.":
        ("%n Bild verschoben; %1 nicht gefunden, %2 mit anderem Inhalt.",
         "%n Bilder verschoben; %1 nicht gefunden, %2 mit anderem Inhalt."),
    "%n image(s) of this project are not at their recorded place.":
        ("%n Bild dieses Projekts ist nicht an seinem gespeicherten Ort.",
         "%n Bilder dieses Projekts sind nicht an ihrem gespeicherten Ort."),
    "%n image(s) of this project are no longer in %1. Were they moved to another folder?":
        ("%n Bild dieses Projekts ist nicht mehr in %1. Wurde es in einen anderen Ordner verschoben?",
         "%n Bilder dieses Projekts sind nicht mehr in %1. Wurden sie in einen anderen Ordner verschoben?"),
    "Report written to %1 with %n overlay(s).":
        ("Bericht nach %1 geschrieben, mit %n Overlay.", "Bericht nach %1 geschrieben, mit %n Overlays."),
    'Showing the %n image(s) of one histogram bin. <a href="clear">Show all</a>':
        ('Es wird %n Bild eines Histogrammbalkens gezeigt. <a href="clear">Alle zeigen</a>',
         'Es werden %n Bilder eines Histogrammbalkens gezeigt. <a href="clear">Alle zeigen</a>'),
    "%n entry(ies) skipped while scanning; first: %1":
        ("%n Eintrag beim Durchsuchen übersprungen; erster: %1",
         "%n Einträge beim Durchsuchen übersprungen; erster: %1"),
    "%n image(s) could not be scored; first: %1":
        ("%n Bild konnte nicht bewertet werden; erstes: %1",
         "%n Bilder konnten nicht bewertet werden; erstes: %1"),
    "Scanning %n folder(s)...": ("%n Ordner wird durchsucht...", "%n Ordner werden durchsucht..."),
    "Training on %n image(s).": ("Training mit %n Bild.", "Training mit %n Bildern."),
    "Training on %n image(s); %1 entries skipped (first: %2).":
        ("Training mit %n Bild; %1 Einträge übersprungen (erster: %2).",
         "Training mit %n Bildern; %1 Einträge übersprungen (erster: %2)."),
}

EN_PLURAL = {
    "Relocated %n image(s); %1 not found, %2 with other content.":
        ("Relocated %n image; %1 not found, %2 with other content.",
         "Relocated %n images; %1 not found, %2 with other content."),
    "%n image(s) of this project are not at their recorded place.":
        ("%n image of this project is not at its recorded place.",
         "%n images of this project are not at their recorded place."),
    "%n image(s) of this project are no longer in %1. Were they moved to another folder?":
        ("%n image of this project is no longer in %1. Was it moved to another folder?",
         "%n images of this project are no longer in %1. Were they moved to another folder?"),
    "Report written to %1 with %n overlay(s).":
        ("Report written to %1 with %n overlay.", "Report written to %1 with %n overlays."),
    'Showing the %n image(s) of one histogram bin. <a href="clear">Show all</a>':
        ('Showing %n image of one histogram bin. <a href="clear">Show all</a>',
         'Showing the %n images of one histogram bin. <a href="clear">Show all</a>'),
    "%n entry(ies) skipped while scanning; first: %1":
        ("%n entry skipped while scanning; first: %1", "%n entries skipped while scanning; first: %1"),
    "%n image(s) could not be scored; first: %1":
        ("%n image could not be scored; first: %1", "%n images could not be scored; first: %1"),
    "Scanning %n folder(s)...": ("Scanning %n folder...", "Scanning %n folders..."),
    "Training on %n image(s).": ("Training on %n image.", "Training on %n images."),
    "Training on %n image(s); %1 entries skipped (first: %2).":
        ("Training on %n image; %1 entries skipped (first: %2).",
         "Training on %n images; %1 entries skipped (first: %2)."),
}


def fill(path, singular, plural):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if message.get("numerus") == "yes":
            forms = plural.get(source)
            if forms is None:
                missing.append(source)
                continue
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            text = singular.get(source)
            if text is None:
                missing.append(source)
                continue
            translation.text = text
        translation.attrib.pop("type", None)
    ET.indent(tree, space="    ")
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(tree.getroot(), encoding="unicode"))
        f.write("\n")
    return missing


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "translations"
    missing = fill(f"{root}/cada_de.ts", DE, DE_PLURAL) + fill(f"{root}/cada_en.ts", {}, EN_PLURAL)
    for m in missing:
        print("untranslated:", repr(m))
    sys.exit(1 if missing else 0)
