<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>EngineMessages</name>
    <message>
        <source>Cannot load image &apos;%1&apos;: %2</source>
        <translation>Bild &apos;%1&apos; kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>the file does not exist.</source>
        <translation>die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>this is a folder, not an image file.</source>
        <translation>dies ist ein Ordner, keine Bilddatei.</translation>
    </message>
    <message>
        <source>the file cannot be opened for reading (check its permissions).</source>
        <translation>die Datei kann nicht zum Lesen geöffnet werden (prüfen Sie ihre Zugriffsrechte).</translation>
    </message>
    <message>
        <source>the file cannot be reached (permission denied on a parent folder; check its permissions).</source>
        <translation>die Datei ist nicht erreichbar (Zugriff auf einen übergeordneten Ordner verweigert; prüfen Sie dessen Zugriffsrechte).</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes).</source>
        <translation>die Datei ist leer (0 Byte).</translation>
    </message>
    <message>
        <source>reading the file failed part-way (I/O error).</source>
        <translation>das Lesen der Datei brach mittendrin ab (E/A-Fehler).</translation>
    </message>
    <message>
        <source>not an image (the content is not PNG, JPEG, BMP or TIFF, whatever the name says).</source>
        <translation>kein Bild (der Inhalt ist weder PNG noch JPEG, BMP oder TIFF, gleich was der Name sagt).</translation>
    </message>
    <message>
        <source>the file is truncated (the %1 data ends before its end marker); it was probably copied incompletely.</source>
        <translation>die Datei ist abgeschnitten (die %1-Daten enden vor ihrer Endmarke); sie wurde wohl unvollständig kopiert.</translation>
    </message>
    <message>
        <source>the %1 data is damaged or truncated and cannot be decoded.</source>
        <translation>die %1-Daten sind beschädigt oder abgeschnitten und können nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>the header says the image has no pixels (0 width or height).</source>
        <translation>laut Kopfdaten hat das Bild keine Pixel (Breite oder Höhe 0).</translation>
    </message>
    <message>
        <source>the image is too large (%1 x %2 = %3 megapixels; the limit is %4 megapixels). Downscale it or raise the limit.</source>
        <translation>das Bild ist zu groß (%1 x %2 = %3 Megapixel; die Grenze ist %4 Megapixel). Verkleinern Sie es oder erhöhen Sie die Grenze.</translation>
    </message>
    <message>
        <source>unsupported pixel depth (only 8- and 16-bit integer images are supported; convert floating-point or 32-bit images to 16-bit first).</source>
        <translation>nicht unterstützte Farbtiefe (nur 8- und 16-Bit-Ganzzahlbilder werden unterstützt; wandeln Sie Gleitkomma- oder 32-Bit-Bilder zuerst in 16 Bit um).</translation>
    </message>
    <message>
        <source>Cannot use model file &apos;%1&apos;: %2</source>
        <translation>Modelldatei &apos;%1&apos; kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>it is not a CADA Inspect model</source>
        <translation>sie ist kein CADA-Inspect-Modell</translation>
    </message>
    <message>
        <source>Dataset folder &apos;%1&apos; does not exist.</source>
        <translation>Der Datenordner &apos;%1&apos; existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot update the model: its %1 &apos;%2&apos; cannot be read (%3). Restore the file where it was when the model was trained, or re-train the model.</source>
        <translation>Das Modell kann nicht aktualisiert werden: sein %1 &apos;%2&apos; kann nicht gelesen werden (%3). Stellen Sie die Datei dort wieder her, wo sie beim Training war, oder trainieren Sie das Modell neu.</translation>
    </message>
    <message>
        <source>calibration image</source>
        <translation>Kalibrierbild</translation>
    </message>
    <message>
        <source>training image</source>
        <translation>Trainingsbild</translation>
    </message>
</context>
<context>
    <name>cada::ui::EvaluationPanel</name>
    <message>
        <source>Layout labels</source>
        <translation>Layout-Labels</translation>
    </message>
    <message>
        <source>Review decisions</source>
        <translation>Prüfentscheidungen</translation>
    </message>
    <message>
        <source>Ground truth: the labels of an MVTec AD / VisA layout stored in the project, or your review decisions (OK = normal, defective = anomalous; unsure and unreviewed images are left out)</source>
        <translation>Referenz: die im Projekt gespeicherten Labels eines MVTec-AD-/VisA-Layouts oder Ihre Prüfentscheidungen (OK = normal, defekt = anomal; unsichere und ungeprüfte Bilder zählen nicht)</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Präzision:</translation>
    </message>
    <message>
        <source>Recall:</source>
        <translation>Trefferquote:</translation>
    </message>
    <message>
        <source>F1:</source>
        <translation>F1:</translation>
    </message>
    <message>
        <source>False alarms:</source>
        <translation>Fehlalarme:</translation>
    </message>
    <message>
        <source>Misses:</source>
        <translation>Übersehene:</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Confusion matrix at the current threshold: rows are the ground truth, columns the verdict</source>
        <translation>Konfusionsmatrix beim aktuellen Schwellwert: Zeilen sind die Referenz, Spalten das Urteil</translation>
    </message>
    <message>
        <source>False-positive rate</source>
        <translation>Falsch-positiv-Rate</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>Richtig-positiv-Rate</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Gelabelt</translation>
    </message>
    <message>
        <source>False alarms</source>
        <translation>Fehlalarme</translation>
    </message>
    <message>
        <source>Caught</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>AUROC</source>
        <translation>AUROC</translation>
    </message>
    <message>
        <source>AP</source>
        <translation>AP</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>Best F1</source>
        <translation>Bester F1</translation>
    </message>
    <message>
        <source>Set the threshold where F1 is highest</source>
        <translation>Den Schwellwert mit dem höchsten F1 setzen</translation>
    </message>
    <message>
        <source>Target false-alarm rate: the share of normal images that may be flagged</source>
        <translation>Ziel-Fehlalarmrate: der Anteil normaler Bilder, der markiert werden darf</translation>
    </message>
    <message>
        <source>False-alarm rate...</source>
        <translation>Fehlalarmrate...</translation>
    </message>
    <message>
        <source>Set the lowest threshold that flags at most the target share of normal images</source>
        <translation>Den niedrigsten Schwellwert setzen, der höchstens den Zielanteil normaler Bilder markiert</translation>
    </message>
    <message>
        <source>Ground truth:</source>
        <translation>Referenz:</translation>
    </message>
    <message>
        <source>Open or create a project to evaluate it.</source>
        <translation>Öffnen oder erstellen Sie ein Projekt, um es auszuwerten.</translation>
    </message>
    <message>
        <source>No image of this project has a layout label. Choose review decisions.</source>
        <translation>Kein Bild dieses Projekts hat ein Layout-Label. Wählen Sie Prüfentscheidungen.</translation>
    </message>
    <message>
        <source>No image has been marked OK or defective yet.</source>
        <translation>Noch kein Bild wurde als OK oder defekt markiert.</translation>
    </message>
    <message>
        <source>%1 labelled images (%2 defective, %3 normal) at threshold %4.</source>
        <translation>%1 gelabelte Bilder (%2 defekt, %3 normal) bei Schwellwert %4.</translation>
    </message>
    <message>
        <source>%1 (%2 % of normal)</source>
        <translation>%1 (%2 % der normalen)</translation>
    </message>
    <message>
        <source>All images (pooled)</source>
        <translation>Alle Bilder (gepoolt)</translation>
    </message>
    <message>
        <source>Mean of groups</source>
        <translation>Mittel der Gruppen</translation>
    </message>
</context>
<context>
    <name>cada::ui::GroupsPanel</name>
    <message>
        <source>Implicit classes found by the model. Double-click to rename.</source>
        <translation>Vom Modell gefundene implizite Klassen. Doppelklick zum Umbenennen.</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message numerus="yes">
        <source>All groups
%n image(s), %1 flagged</source>
        <translation>
            <numerusform>Alle Gruppen
%n Bild, %1 markiert</numerusform>
            <numerusform>Alle Gruppen
%n Bilder, %1 markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s), %2 flagged</source>
        <translation>
            <numerusform>%1
%n Bild, %2 markiert</numerusform>
            <numerusform>%1
%n Bilder, %2 markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown
%n image(s), %1 flagged</source>
        <translation>
            <numerusform>Unbekannt
%n Bild, %1 markiert</numerusform>
            <numerusform>Unbekannt
%n Bilder, %1 markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s), %2 flagged
%3 in training</source>
        <translation>
            <numerusform>%1
%n Bild, %2 markiert
%3 im Training</numerusform>
            <numerusform>%1
%n Bilder, %2 markiert
%3 im Training</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename group to %1</source>
        <translation>Gruppe in %1 umbenennen</translation>
    </message>
</context>
<context>
    <name>cada::ui::HelpMenu</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>CPU (this build of LibTorch has no CUDA, or no CUDA device is present)</source>
        <translation>CPU (diese LibTorch-Version hat kein CUDA, oder es ist kein CUDA-Gerät vorhanden)</translation>
    </message>
    <message>
        <source>About CADA Inspect</source>
        <translation>Über CADA Inspect</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CADA Inspect %1&lt;/h3&gt;&lt;p&gt;Visual anomaly detection across many product types with one model and one threshold (class-agnostic distribution alignment).&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;OpenCV %4&lt;br&gt;Compute device: %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CADA Inspect %1&lt;/h3&gt;&lt;p&gt;Visuelle Anomalieerkennung über viele Produkttypen mit einem Modell und einem Schwellwert (klassenunabhängige Verteilungsangleichung).&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;OpenCV %4&lt;br&gt;Rechengerät: %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>&amp;Dokumentation</translation>
    </message>
    <message>
        <source>&amp;About CADA Inspect</source>
        <translation>Ü&amp;ber CADA Inspect</translation>
    </message>
</context>
<context>
    <name>cada::ui::HistogramPanel</name>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Aligned score</source>
        <translation>Ausgerichteter Score</translation>
    </message>
    <message>
        <source>Raw score</source>
        <translation>Roh-Score</translation>
    </message>
    <message>
        <source>Calibration normals</source>
        <translation>Kalibrier-Normalbilder</translation>
    </message>
    <message>
        <source>Overlay each group&apos;s calibration normals and show the projected false-reject rate at the threshold</source>
        <translation>Die Kalibrier-Normalbilder jeder Gruppe einblenden und die erwartete Fehlausschussrate beim Schwellwert zeigen</translation>
    </message>
    <message>
        <source>Histogram of</source>
        <translation>Histogramm von</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>, false-reject %1 %</source>
        <translation>, Fehlausschuss %1 %</translation>
    </message>
    <message>
        <source>Raw detector score</source>
        <translation>Roher Detektor-Score</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n image(s))</source>
        <translation>
            <numerusform>%1 (%n Bild)</numerusform>
            <numerusform>%1 (%n Bilder)</numerusform>
        </translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>Log. Anzahl</translation>
    </message>
    <message>
        <source>Counts on a logarithmic axis, so that single images stay visible beside full bins</source>
        <translation>Anzahlen auf einer logarithmischen Achse, damit einzelne Bilder neben vollen Balken sichtbar bleiben</translation>
    </message>
    <message>
        <source>Fit threshold</source>
        <translation>Schwellwert einpassen</translation>
    </message>
    <message>
        <source>Zoom to the threshold and the bulk of the scores (wheel: zoom, drag: pan)</source>
        <translation>Auf den Schwellwert und die Masse der Scores zoomen (Mausrad: zoomen, Ziehen: verschieben)</translation>
    </message>
    <message>
        <source>All scores</source>
        <translation>Alle Scores</translation>
    </message>
    <message>
        <source>Show every score</source>
        <translation>Jeden Score zeigen</translation>
    </message>
    <message>
        <source>No threshold line: raw scores of different product types are not comparable; the one threshold applies to aligned scores.</source>
        <translation>Keine Schwellwertlinie: Roh-Scores verschiedener Produkttypen sind nicht vergleichbar; der eine Schwellwert gilt für ausgerichtete Scores.</translation>
    </message>
    <message>
        <source>%1 calibration normals (%2, counts x %3 to the batch&apos;s size)</source>
        <translation>%1 Kalibrier-Normalbilder (%2, Anzahlen x %3 auf die Stapelgröße)</translation>
    </message>
    <message>
        <source>By group</source>
        <translation>Nach Gruppe</translation>
    </message>
    <message>
        <source>By label</source>
        <translation>Nach Label</translation>
    </message>
    <message>
        <source>Colour by implicit group, or by label: normal and defective apart (review decisions, else the folder layout&apos;s labels)</source>
        <translation>Nach impliziter Gruppe färben oder nach Label: normal und defekt getrennt (Prüfentscheidungen, sonst die Labels der Ordnerstruktur)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Not labelled</source>
        <translation>Ohne Label</translation>
    </message>
</context>
<context>
    <name>cada::ui::ImageListModel</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>Unbekannter Typ</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Aligned score %1, raw score %2, predicted normal mean %3, max %4</source>
        <translation>Ausgerichteter Score %1, Roh-Score %2, vorhergesagter Normal-Mittelwert %3, Maximum %4</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>%1 by %2 at %3</source>
        <translation>%1 von %2 am %3</translation>
    </message>
    <message>
        <source>unnamed reviewer</source>
        <translation>unbenannter Prüfer</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>cada::ui::ImageListPane</name>
    <message>
        <source>Filter by file name</source>
        <translation>Nach Dateiname filtern</translation>
    </message>
    <message>
        <source>Flagged only</source>
        <translation>Nur markierte</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>Ungeprüft</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Widersprüche</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>Unbekannter Typ</translation>
    </message>
    <message>
        <source>Review filter; a disagreement is a decision that contradicts the verdict</source>
        <translation>Prüffilter; ein Widerspruch ist eine Entscheidung, die dem Urteil widerspricht</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>Enthaltenden Ordner öffnen</translation>
    </message>
    <message>
        <source>Images not scored</source>
        <translation>Nicht bewertete Bilder</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be scored. Each file and its reason:</source>
        <translation>
            <numerusform>%n Bild konnte nicht bewertet werden. Jede Datei mit ihrem Grund:</numerusform>
            <numerusform>%n Bilder konnten nicht bewertet werden. Jede Datei mit ihrem Grund:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::ImagePanel</name>
    <message>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <source>Show the anomaly heatmap (H)</source>
        <translation>Anomalie-Heatmap anzeigen (H)</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>Konturen</translation>
    </message>
    <message>
        <source>Outline regions whose aligned score is above the threshold</source>
        <translation>Bereiche umranden, deren ausgerichteter Score über dem Schwellwert liegt</translation>
    </message>
    <message>
        <source>Heatmap opacity</source>
        <translation>Deckkraft der Heatmap</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Original and heatmap next to each other</source>
        <translation>Original und Heatmap nebeneinander</translation>
    </message>
    <message>
        <source>Colormap of the heatmap (the legend on the image shows its scale)</source>
        <translation>Farbtabelle der Heatmap (die Legende im Bild zeigt ihre Skala)</translation>
    </message>
    <message>
        <source>t ± 1</source>
        <translation>t ± 1</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Colour scale above the threshold t: linear to t + 1, or logarithmic to t + 64 so that strong defects keep their structure</source>
        <translation>Farbskala über dem Schwellwert t: linear bis t + 1 oder logarithmisch bis t + 64, damit starke Defekte ihre Struktur behalten</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Show a normal image of the same product type (its group&apos;s representative) beside this one (C)</source>
        <translation>Ein normales Bild desselben Produkttyps (den Vertreter seiner Gruppe) neben diesem zeigen (C)</translation>
    </message>
    <message>
        <source>&amp;Fit image to view</source>
        <translation>Bild in Ansicht &amp;einpassen</translation>
    </message>
    <message>
        <source>&amp;Actual size (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
</context>
<context>
    <name>cada::ui::ImageView</name>
    <message>
        <source>Select an image in the list.</source>
        <translation>Wählen Sie ein Bild in der Liste.</translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation>%1 wird geladen ...</translation>
    </message>
    <message>
        <source>Score %1 (threshold %2) | %3 %</source>
        <translation>Score %1 (Schwellwert %2) | %3 %</translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1, y %2</translation>
    </message>
    <message>
        <source>x %1, y %2: %3</source>
        <translation>x %1, y %2: %3</translation>
    </message>
    <message>
        <source>Export heatmap</source>
        <translation>Heatmap exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cannot write &apos;%1&apos; (check that the folder is writable).</source>
        <translation>&apos;%1&apos; kann nicht geschrieben werden (prüfen Sie, ob der Ordner beschreibbar ist).</translation>
    </message>
    <message>
        <source>Export heatmap as PNG...</source>
        <translation>Heatmap als PNG exportieren...</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
</context>
<context>
    <name>cada::ui::InspectionSession</name>
    <message>
        <source>Scoring finished.</source>
        <translation>Bewertung abgeschlossen.</translation>
    </message>
    <message>
        <source>Scoring cancelled.</source>
        <translation>Bewertung abgebrochen.</translation>
    </message>
    <message>
        <source>Scoring failed.</source>
        <translation>Bewertung fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The heatmap could not be recomputed: %1</source>
        <translation>Die Heatmap konnte nicht neu berechnet werden: %1</translation>
    </message>
    <message>
        <source>Cancel the running batch before opening another model.</source>
        <translation>Brechen Sie die laufende Bewertung ab, bevor Sie ein anderes Modell öffnen.</translation>
    </message>
    <message>
        <source>Cancel the running batch before opening another folder.</source>
        <translation>Brechen Sie die laufende Bewertung ab, bevor Sie einen anderen Ordner öffnen.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) skipped while scanning; first: %1</source>
        <translation>
            <numerusform>%n Eintrag beim Durchsuchen übersprungen; erster: %1</numerusform>
            <numerusform>%n Einträge beim Durchsuchen übersprungen; erster: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be scored; first: %1</source>
        <translation>
            <numerusform>%n Bild konnte nicht bewertet werden; erstes: %1</numerusform>
            <numerusform>%n Bilder konnten nicht bewertet werden; erstes: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>cada::ui::MainWindow</name>
    <message>
        <source>CADA Inspect</source>
        <translation>CADA Inspect</translation>
    </message>
    <message>
        <source>Scoring failed</source>
        <translation>Bewertung fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Showing the %n image(s) of one histogram bin. &lt;a href=&quot;clear&quot;&gt;Show all&lt;/a&gt;</source>
        <translation>
            <numerusform>Es wird %n Bild eines Histogrammbalkens gezeigt. &lt;a href=&quot;clear&quot;&gt;Alle zeigen&lt;/a&gt;</numerusform>
            <numerusform>Es werden %n Bilder eines Histogrammbalkens gezeigt. &lt;a href=&quot;clear&quot;&gt;Alle zeigen&lt;/a&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;model...</source>
        <translation>&amp;Modell öffnen...</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <source>&amp;Train new model...</source>
        <translation>Neues Modell &amp;trainieren...</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Open folder...</source>
        <translation>Ordner ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Recent folders</source>
        <translation>Zuletzt verwendete Ordner</translation>
    </message>
    <message>
        <source>P&amp;references...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Next image</source>
        <translation>&amp;Nächstes Bild</translation>
    </message>
    <message>
        <source>&amp;Previous image</source>
        <translation>&amp;Vorheriges Bild</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Score histogram</source>
        <translation>Score-Histogramm</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>CADA models (*.cada);;All files (*)</source>
        <translation>CADA-Modelle (*.cada);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open image folder</source>
        <translation>Bildordner öffnen</translation>
    </message>
    <message>
        <source>CADA Inspect - %1</source>
        <translation>CADA Inspect - %1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>The new model was saved to %1. Cancel the running batch, then open it.</source>
        <translation>Das neue Modell wurde unter %1 gespeichert. Brechen Sie die laufende Bewertung ab und öffnen Sie es dann.</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>nicht bewertet</translation>
    </message>
    <message>
        <source>Export heatmap as PNG...</source>
        <translation>Heatmap als PNG exportieren...</translation>
    </message>
    <message>
        <source>To start: open a model (File &gt; Open model, %1) or train one (File &gt; Train new model, %2), then open a folder of images (%3) or drop one here.</source>
        <translation>Zum Start: Öffnen Sie ein Modell (Datei &gt; Modell öffnen, %1) oder trainieren Sie eines (Datei &gt; Neues Modell trainieren, %2), dann öffnen Sie einen Bildordner (%3) oder ziehen ihn hierher.</translation>
    </message>
    <message>
        <source>Open a folder of images (%1) or drop one here.</source>
        <translation>Öffnen Sie einen Bildordner (%1) oder ziehen Sie ihn hierher.</translation>
    </message>
    <message>
        <source>Open a model (File &gt; Open model) to score these images.</source>
        <translation>Öffnen Sie ein Modell (Datei &gt; Modell öffnen), um diese Bilder zu bewerten.</translation>
    </message>
    <message>
        <source>Select an image in the list.</source>
        <translation>Wählen Sie ein Bild in der Liste.</translation>
    </message>
    <message>
        <source>Loading the project&apos;s model for the heatmaps...</source>
        <translation>Das Modell des Projekts wird für die Heatmaps geladen...</translation>
    </message>
    <message>
        <source>Computing the heatmap...</source>
        <translation>Heatmap wird berechnet...</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>No normal reference for this image (unknown type or no group)</source>
        <translation>Keine normale Referenz für dieses Bild (unbekannter Typ oder keine Gruppe)</translation>
    </message>
    <message>
        <source>No normal reference without the model</source>
        <translation>Ohne das Modell keine normale Referenz</translation>
    </message>
    <message>
        <source>Normal of %1: %2</source>
        <translation>Normalbild von %1: %2</translation>
    </message>
</context>
<context>
    <name>cada::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>A change of language applies after a restart.</source>
        <translation>Eine geänderte Sprache gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Recorded with your review decisions</source>
        <translation>Wird mit Ihren Prüfentscheidungen gespeichert</translation>
    </message>
    <message>
        <source>Used for models that have no colormap of their own yet</source>
        <translation>Für Modelle, die noch keine eigene Farbtabelle haben</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Reviewer name:</source>
        <translation>Name des Prüfers:</translation>
    </message>
    <message>
        <source>Default colormap:</source>
        <translation>Standard-Farbtabelle:</translation>
    </message>
</context>
<context>
    <name>cada::ui::ProjectController</name>
    <message>
        <source>&amp;New project...</source>
        <translation>&amp;Neues Projekt...</translation>
    </message>
    <message>
        <source>Save the scored images, scores, groups and threshold as a project</source>
        <translation>Die bewerteten Bilder, Scores, Gruppen und den Schwellwert als Projekt speichern</translation>
    </message>
    <message>
        <source>Open &amp;project...</source>
        <translation>&amp;Projekt öffnen...</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt geöffnete Projekte</translation>
    </message>
    <message>
        <source>&amp;Export report...</source>
        <translation>Bericht &amp;exportieren...</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>CADA projects (*.cadaproj);;All files (*)</source>
        <translation>CADA-Projekte (*.cadaproj);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Export report to folder</source>
        <translation>Bericht in Ordner exportieren</translation>
    </message>
    <message>
        <source>Wait until the running batch or project operation has finished.</source>
        <translation>Warten Sie, bis der laufende Stapel oder Projektvorgang beendet ist.</translation>
    </message>
    <message>
        <source>A project is made from a fully scored batch: open a model and a folder first and let scoring finish.</source>
        <translation>Ein Projekt entsteht aus einem vollständig bewerteten Stapel: Öffnen Sie zuerst ein Modell und einen Ordner und lassen Sie die Bewertung abschließen.</translation>
    </message>
    <message>
        <source>Creating project %1 ...</source>
        <translation>Projekt %1 wird erstellt ...</translation>
    </message>
    <message>
        <source>Project %1 created.</source>
        <translation>Projekt %1 erstellt.</translation>
    </message>
    <message>
        <source>Relocate images</source>
        <translation>Bilder verschieben</translation>
    </message>
    <message>
        <source>Images moved</source>
        <translation>Bilder verschoben</translation>
    </message>
    <message>
        <source>Choose new folder...</source>
        <translation>Neuen Ordner wählen...</translation>
    </message>
    <message>
        <source>Open as it is</source>
        <translation>Unverändert öffnen</translation>
    </message>
    <message>
        <source>Folder that now holds %1</source>
        <translation>Ordner, der jetzt %1 enthält</translation>
    </message>
    <message>
        <source>The project&apos;s model %1 is not available: scores are shown, heatmaps are not.</source>
        <translation>Das Modell %1 des Projekts ist nicht verfügbar: Scores werden gezeigt, Heatmaps nicht.</translation>
    </message>
    <message>
        <source>Review decision</source>
        <translation>Prüfentscheidung</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <source>Review band</source>
        <translation>Prüfband</translation>
    </message>
    <message>
        <source>Group names</source>
        <translation>Gruppennamen</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>A report is being written already.</source>
        <translation>Es wird bereits ein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>Create or open a project first (File &gt; New project).</source>
        <translation>Erstellen oder öffnen Sie zuerst ein Projekt (Datei &gt; Neues Projekt).</translation>
    </message>
    <message>
        <source>Report written to %1 (no heatmap overlays: the model is not available or nothing is flagged).</source>
        <translation>Bericht nach %1 geschrieben (keine Heatmap-Overlays: das Modell ist nicht verfügbar oder nichts ist markiert).</translation>
    </message>
    <message>
        <source>Report export cancelled.</source>
        <translation>Berichtsexport abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>Relocated %n image(s); %1 not found, %2 with other content.</source>
        <translation>
            <numerusform>%n Bild verschoben; %1 nicht gefunden, %2 mit anderem Inhalt.</numerusform>
            <numerusform>%n Bilder verschoben; %1 nicht gefunden, %2 mit anderem Inhalt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of this project are not at their recorded place.</source>
        <translation>
            <numerusform>%n Bild dieses Projekts ist nicht an seinem gespeicherten Ort.</numerusform>
            <numerusform>%n Bilder dieses Projekts sind nicht an ihrem gespeicherten Ort.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of this project are no longer in %1. Were they moved to another folder?</source>
        <translation>
            <numerusform>%n Bild dieses Projekts ist nicht mehr in %1. Wurde es in einen anderen Ordner verschoben?</numerusform>
            <numerusform>%n Bilder dieses Projekts sind nicht mehr in %1. Wurden sie in einen anderen Ordner verschoben?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report written to %1 with %n overlay(s).</source>
        <translation>
            <numerusform>Bericht nach %1 geschrieben, mit %n Overlay.</numerusform>
            <numerusform>Bericht nach %1 geschrieben, mit %n Overlays.</numerusform>
        </translation>
    </message>
    <message>
        <source>Check project &amp;integrity</source>
        <translation>Projekt&amp;integrität prüfen</translation>
    </message>
    <message>
        <source>Run SQLite&apos;s full integrity check on the project file (opening runs a quick one)</source>
        <translation>Die vollständige Integritätsprüfung von SQLite für die Projektdatei ausführen (beim Öffnen läuft eine schnelle)</translation>
    </message>
    <message>
        <source>Checking the project file...</source>
        <translation>Projektdatei wird geprüft …</translation>
    </message>
    <message>
        <source>Project integrity</source>
        <translation>Projektintegrität</translation>
    </message>
    <message>
        <source>%1 passed SQLite&apos;s full integrity check.</source>
        <translation>%1 hat die vollständige Integritätsprüfung von SQLite bestanden.</translation>
    </message>
    <message>
        <source>%1 is damaged. Open a backup copy of it (a .vN.bak file beside it is one), or create the project again from its images.</source>
        <translation>%1 ist beschädigt. Öffnen Sie eine Sicherungskopie (eine .vN.bak-Datei daneben ist eine) oder legen Sie das Projekt aus seinen Bildern neu an.</translation>
    </message>
    <message>
        <source>Reviewer name</source>
        <translation>Name des Prüfers</translation>
    </message>
    <message>
        <source>Your name is recorded with each review decision (File &gt; Preferences changes it):</source>
        <translation>Ihr Name wird mit jeder Prüfentscheidung gespeichert (Datei &gt; Einstellungen ändert ihn):</translation>
    </message>
    <message>
        <source>Store new scores</source>
        <translation>Neue Scores speichern</translation>
    </message>
</context>
<context>
    <name>cada::ui::ReportExport</name>
    <message>
        <source>Writing the report...</source>
        <translation>Bericht wird geschrieben...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
</context>
<context>
    <name>cada::ui::ReviewBandControl</name>
    <message>
        <source>Review band from</source>
        <translation>Prüfband ab</translation>
    </message>
    <message>
        <source>Images scoring between this value and the threshold get the verdict &quot;Review&quot; and are reviewed first</source>
        <translation>Bilder mit Scores zwischen diesem Wert und dem Schwellwert erhalten das Urteil &quot;Prüfen&quot; und werden zuerst geprüft</translation>
    </message>
</context>
<context>
    <name>cada::ui::ReviewBar</name>
    <message>
        <source>Note on this image (saved when you press Return or leave the field)</source>
        <translation>Notiz zu diesem Bild (gespeichert mit Eingabetaste oder beim Verlassen des Felds)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Mark the image OK (O)</source>
        <translation>Bild als OK markieren (O)</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Mark the image defective (D)</source>
        <translation>Bild als defekt markieren (D)</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Mark the image unsure (U)</source>
        <translation>Bild als unsicher markieren (U)</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>cada::ui::ReviewController</name>
    <message>
        <source>Mark &amp;OK</source>
        <translation>Als &amp;OK markieren</translation>
    </message>
    <message>
        <source>Mark &amp;defective</source>
        <translation>Als &amp;defekt markieren</translation>
    </message>
    <message>
        <source>Mark &amp;unsure</source>
        <translation>Als &amp;unsicher markieren</translation>
    </message>
    <message>
        <source>&amp;Clear decision</source>
        <translation>Entscheidung &amp;löschen</translation>
    </message>
    <message>
        <source>Next &amp;unreviewed image</source>
        <translation>Nächstes &amp;ungeprüftes Bild</translation>
    </message>
    <message>
        <source>Review decisions are saved in a project: create one with File &gt; New project.</source>
        <translation>Prüfentscheidungen werden in einem Projekt gespeichert: Erstellen Sie eins mit Datei &gt; Neues Projekt.</translation>
    </message>
    <message>
        <source>Every image in the list has been reviewed.</source>
        <translation>Jedes Bild der Liste wurde geprüft.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>decision cleared</source>
        <translation>Entscheidung entfernt</translation>
    </message>
</context>
<context>
    <name>cada::ui::ScoreWorker</name>
    <message>
        <source>Unexpected error in the worker thread.</source>
        <translation>Unerwarteter Fehler im Arbeits-Thread.</translation>
    </message>
</context>
<context>
    <name>cada::ui::Screenshot</name>
    <message>
        <source>Could not write the screenshot %1.</source>
        <translation>Der Screenshot %1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>cada::ui::SessionStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Loading model %1 ...</source>
        <translation>Modell %1 wird geladen ...</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Model %1 | %2 | %3</source>
        <translation>Modell %1 | %2 | %3</translation>
    </message>
    <message>
        <source>Scanning %1 ...</source>
        <translation>%1 wird durchsucht ...</translation>
    </message>
    <message>
        <source>%1: %v/%m, %2 s left</source>
        <translation>%1: %v/%m, noch %2 s</translation>
    </message>
    <message>
        <source>%1: %v/%m</source>
        <translation>%1: %v/%m</translation>
    </message>
    <message>
        <source>Model %1 (from the project)</source>
        <translation>Modell %1 (aus dem Projekt)</translation>
    </message>
    <message>
        <source>No images</source>
        <translation>Keine Bilder</translation>
    </message>
    <message>
        <source>Flagged %1 of %2 (%3 scored)</source>
        <translation>%1 von %2 markiert (%3 bewertet)</translation>
    </message>
    <message>
        <source>Flagged %1 of %2 (%3 scored, %4 failed)</source>
        <translation>%1 von %2 markiert (%3 bewertet, %4 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>No model (File &gt; Open model)</source>
        <translation>Kein Modell (Datei &gt; Modell öffnen)</translation>
    </message>
</context>
<context>
    <name>cada::ui::SummaryPanel</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>Unbekannter Typ</translation>
    </message>
    <message>
        <source>Projected false rejects</source>
        <translation>Erwartete Fehlausschüsse</translation>
    </message>
    <message>
        <source>Share of the group&apos;s calibration normals scoring at or above the threshold: the false rejects to expect on its normal images</source>
        <translation>Anteil der Kalibrier-Normalbilder der Gruppe, die den Schwellwert erreichen: die zu erwartenden Fehlausschüsse bei ihren normalen Bildern</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Alle Gruppen</translation>
    </message>
</context>
<context>
    <name>cada::ui::TeachController</name>
    <message>
        <source>Return to previous model &amp;version</source>
        <translation>Zur vorherigen Modell&amp;version zurückkehren</translation>
    </message>
    <message>
        <source>Open the model version this one was taught from, and score the batch with it</source>
        <translation>Die Modellversion öffnen, aus der diese gelernt wurde, und den Stapel damit bewerten</translation>
    </message>
    <message>
        <source>&amp;Teach as normal...</source>
        <translation>Als normal &amp;lernen...</translation>
    </message>
    <message>
        <source>Add the selected images reviewed OK to the model&apos;s normal images (a new model version; false alarms stop being flagged)</source>
        <translation>Die ausgewählten, als OK geprüften Bilder zu den Normalbildern des Modells hinzufügen (eine neue Modellversion; Fehlalarme werden nicht mehr markiert)</translation>
    </message>
    <message>
        <source>&amp;Learn this type...</source>
        <translation>Diesen &amp;Typ lernen...</translation>
    </message>
    <message>
        <source>Teach the model the unknown-type images reviewed OK as a new product type (a new model version with a new group)</source>
        <translation>Dem Modell die als OK geprüften Bilder unbekannten Typs als neuen Produkttyp beibringen (eine neue Modellversion mit einer neuen Gruppe)</translation>
    </message>
    <message>
        <source>Wait until the running batch or model update has finished.</source>
        <translation>Warten Sie, bis der laufende Stapel oder die Modellaktualisierung beendet ist.</translation>
    </message>
    <message>
        <source>Teaching uses review decisions: open the model, create a project (File &gt; New project) and mark the images OK first.</source>
        <translation>Lernen nutzt Prüfentscheidungen: Öffnen Sie das Modell, legen Sie ein Projekt an (Datei &gt; Neues Projekt) und markieren Sie die Bilder zuerst als OK.</translation>
    </message>
    <message numerus="yes">
        <source>%n selected image(s) are reviewed defective; an image marked defective is never taught as normal. Select only images reviewed OK.</source>
        <translation>
            <numerusform>%n ausgewähltes Bild ist als defekt geprüft; ein als defekt markiertes Bild wird nie als normal gelernt. Wählen Sie nur als OK geprüfte Bilder.</numerusform>
            <numerusform>%n ausgewählte Bilder sind als defekt geprüft; ein als defekt markiertes Bild wird nie als normal gelernt. Wählen Sie nur als OK geprüfte Bilder.</numerusform>
        </translation>
    </message>
    <message>
        <source>No unknown-type image is reviewed OK yet: mark the images of the new type OK (O), then learn the type.</source>
        <translation>Noch kein Bild unbekannten Typs ist als OK geprüft: Markieren Sie die Bilder des neuen Typs als OK (O) und lernen Sie dann den Typ.</translation>
    </message>
    <message>
        <source>No selected image is reviewed OK: mark false alarms OK (O), then teach them.</source>
        <translation>Kein ausgewähltes Bild ist als OK geprüft: Markieren Sie Fehlalarme als OK (O) und lernen Sie sie dann.</translation>
    </message>
    <message numerus="yes">
        <source>Learn a new product type from %n image(s) reviewed OK?</source>
        <translation>
            <numerusform>Einen neuen Produkttyp aus %n als OK geprüften Bild lernen?</numerusform>
            <numerusform>Einen neuen Produkttyp aus %n als OK geprüften Bildern lernen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Teach %n image(s) reviewed OK as normal?</source>
        <translation>
            <numerusform>%n als OK geprüftes Bild als normal lernen?</numerusform>
            <numerusform>%n als OK geprüfte Bilder als normal lernen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not reviewed OK are left out.</source>
        <translation>
            <numerusform>%n nicht als OK geprüftes Bild wird ausgelassen.</numerusform>
            <numerusform>%n nicht als OK geprüfte Bilder werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) score far above the threshold %1 for their type: %2. Teaching a real defect as normal hides it from now on.</source>
        <translation>
            <numerusform>%n Bild liegt weit über dem Schwellwert %1 für seinen Typ: %2. Ein echter Defekt, als normal gelernt, bleibt von nun an verborgen.</numerusform>
            <numerusform>%n Bilder liegen weit über dem Schwellwert %1 für ihren Typ: %2. Ein echter Defekt, als normal gelernt, bleibt von nun an verborgen.</numerusform>
        </translation>
    </message>
    <message>
        <source>A new model version is saved beside the current one; the batch is then scored with it and you keep it or return to this version.</source>
        <translation>Eine neue Modellversion wird neben der aktuellen gespeichert; danach wird der Stapel damit bewertet, und Sie behalten sie oder kehren zu dieser Version zurück.</translation>
    </message>
    <message>
        <source>Teach the model</source>
        <translation>Modell lernen lassen</translation>
    </message>
    <message>
        <source>Updating the model...</source>
        <translation>Modell wird aktualisiert...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Model update cancelled; no new version was written.</source>
        <translation>Modellaktualisierung abgebrochen; es wurde keine neue Version geschrieben.</translation>
    </message>
    <message>
        <source>Model version %1 is in use: %2</source>
        <translation>Modellversion %1 ist in Gebrauch: %2</translation>
    </message>
    <message>
        <source>Model version %1</source>
        <translation>Modellversion %1</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Flagged before -&gt; after</source>
        <translation>Markiert vorher -&gt; nachher</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Keine Gruppe</translation>
    </message>
    <message>
        <source>Keep version %1</source>
        <translation>Version %1 behalten</translation>
    </message>
    <message>
        <source>Return to version %1</source>
        <translation>Zu Version %1 zurückkehren</translation>
    </message>
    <message>
        <source>The model in use has no previous version to return to.</source>
        <translation>Das verwendete Modell hat keine vorherige Version, zu der zurückgekehrt werden kann.</translation>
    </message>
    <message>
        <source>The previous version %1 is not at its recorded place.</source>
        <translation>Die vorherige Version %1 ist nicht an ihrem gespeicherten Ort.</translation>
    </message>
    <message>
        <source>The file %1 changed since this version was made from it.</source>
        <translation>Die Datei %1 wurde geändert, seit diese Version daraus erstellt wurde.</translation>
    </message>
    <message>
        <source>The batch was not scored completely with %1; the project keeps its scores. File &gt; Return to previous model version goes back.</source>
        <translation>Der Stapel wurde mit %1 nicht vollständig bewertet; das Projekt behält seine Scores. Datei &gt; Zur vorherigen Modellversion zurückkehren geht zurück.</translation>
    </message>
    <message>
        <source>The batch was scored with the new version.
Default threshold: %1 -&gt; %2
Images of an unknown type: %3 -&gt; %4</source>
        <translation>Der Stapel wurde mit der neuen Version bewertet.
Standard-Schwellwert: %1 -&gt; %2
Bilder unbekannten Typs: %3 -&gt; %4</translation>
    </message>
</context>
<context>
    <name>cada::ui::ThresholdControl</name>
    <message>
        <source>Global threshold on the aligned score</source>
        <translation>Globaler Schwellwert auf dem ausgerichteten Score</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s default threshold</source>
        <translation>Auf den Standard-Schwellwert des Modells zurücksetzen</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <source>Reset to the model&apos;s default threshold (%1)</source>
        <translation>Auf den Standard-Schwellwert des Modells zurücksetzen (%1)</translation>
    </message>
</context>
<context>
    <name>cada::ui::TrainDialog</name>
    <message>
        <source>%1 h %2 min left</source>
        <translation>noch %1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>noch %1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
    <message>
        <source>Train new model</source>
        <translation>Neues Modell trainieren</translation>
    </message>
    <message>
        <source>Folders of normal images. MVTec AD and VisA layouts contribute their normal training images; plain folders every image.</source>
        <translation>Ordner mit Normalbildern. Bei MVTec-AD- und VisA-Strukturen werden deren normale Trainingsbilder verwendet, bei einfachen Ordnern alle Bilder.</translation>
    </message>
    <message>
        <source>Add folder...</source>
        <translation>Ordner hinzufügen...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>PatchCore (memory bank)</source>
        <translation>PatchCore (Speicherbank)</translation>
    </message>
    <message>
        <source>Reverse Distillation</source>
        <translation>Reverse Distillation</translation>
    </message>
    <message>
        <source>Built-in scattering network (no weights needed)</source>
        <translation>Eingebautes Scattering-Netz (ohne Gewichte)</translation>
    </message>
    <message>
        <source>Built-in random CNN (seeded)</source>
        <translation>Eingebautes Zufalls-CNN (mit Seed)</translation>
    </message>
    <message>
        <source>TorchScript file (.pt)</source>
        <translation>TorchScript-Datei (.pt)</translation>
    </message>
    <message>
        <source>TorchScript backbone file</source>
        <translation>TorchScript-Datei des Backbones</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Images are resized to this square side (a multiple of 16).</source>
        <translation>Bilder werden auf diese quadratische Seitenlänge skaliert (ein Vielfaches von 16).</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Automatisch (CUDA, falls verfügbar)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>Model file to write (*.cada)</source>
        <translation>Zu schreibende Modelldatei (*.cada)</translation>
    </message>
    <message>
        <source>Training folders:</source>
        <translation>Trainingsordner:</translation>
    </message>
    <message>
        <source>Detector:</source>
        <translation>Detektor:</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>Backbone:</translation>
    </message>
    <message>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Save model as:</source>
        <translation>Modell speichern unter:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Model saved to %1.</source>
        <translation>Modell unter %1 gespeichert.</translation>
    </message>
    <message>
        <source>Training cancelled; no model was written.</source>
        <translation>Training abgebrochen; es wurde kein Modell geschrieben.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Add training folder</source>
        <translation>Trainingsordner hinzufügen</translation>
    </message>
    <message>
        <source>TorchScript backbone</source>
        <translation>TorchScript-Backbone</translation>
    </message>
    <message>
        <source>TorchScript files (*.pt *.pth);;All files (*)</source>
        <translation>TorchScript-Dateien (*.pt *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>Modell speichern unter</translation>
    </message>
    <message>
        <source>CADA models (*.cada)</source>
        <translation>CADA-Modelle (*.cada)</translation>
    </message>
    <message>
        <source>Add at least one folder of normal training images.</source>
        <translation>Fügen Sie mindestens einen Ordner mit normalen Trainingsbildern hinzu.</translation>
    </message>
    <message>
        <source>The image size must be a multiple of 16 (got %1).</source>
        <translation>Die Bildgröße muss ein Vielfaches von 16 sein (erhalten: %1).</translation>
    </message>
    <message>
        <source>Choose an existing TorchScript file for the backbone, or pick a built-in backbone.</source>
        <translation>Wählen Sie eine vorhandene TorchScript-Datei für das Backbone oder ein eingebautes Backbone.</translation>
    </message>
    <message>
        <source>Choose where to save the model file.</source>
        <translation>Wählen Sie, wo die Modelldatei gespeichert werden soll.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist; choose another place for the model file.</source>
        <translation>Der Ordner %1 existiert nicht; wählen Sie einen anderen Ort für die Modelldatei.</translation>
    </message>
    <message>
        <source>Scanning folders</source>
        <translation>Ordner werden durchsucht</translation>
    </message>
    <message numerus="yes">
        <source>Scanning %n folder(s)...</source>
        <translation>
            <numerusform>%n Ordner wird durchsucht...</numerusform>
            <numerusform>%n Ordner werden durchsucht...</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the training folders: %1</source>
        <translation>Die Trainingsordner konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No normal training images were found in the chosen folders.</source>
        <translation>In den gewählten Ordnern wurden keine normalen Trainingsbilder gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Training on %n image(s).</source>
        <translation>
            <numerusform>Training mit %n Bild.</numerusform>
            <numerusform>Training mit %n Bildern.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training on %n image(s); %1 entries skipped (first: %2).</source>
        <translation>
            <numerusform>Training mit %n Bild; %1 Einträge übersprungen (erster: %2).</numerusform>
            <numerusform>Training mit %n Bildern; %1 Einträge übersprungen (erster: %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %v/%m, %2</source>
        <translation>%1: %v/%m, %2</translation>
    </message>
    <message>
        <source>%1: %v/%m</source>
        <translation>%1: %v/%m</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CADA Inspect: absolute-unified visual anomaly detection workstation</source>
        <translation>CADA Inspect: Arbeitsplatz für absolut vereinheitlichte visuelle Anomalieerkennung</translation>
    </message>
    <message>
        <source>Open this model file.</source>
        <translation>Diese Modelldatei öffnen.</translation>
    </message>
    <message>
        <source>Open this image folder.</source>
        <translation>Diesen Bildordner öffnen.</translation>
    </message>
    <message>
        <source>Use this threshold instead of the model&apos;s.</source>
        <translation>Diesen Schwellwert statt dem des Modells verwenden.</translation>
    </message>
    <message>
        <source>After scoring, save the window to this PNG file and exit.</source>
        <translation>Nach der Bewertung das Fenster in diese PNG-Datei speichern und beenden.</translation>
    </message>
    <message>
        <source>Select the N-th image of the list (from 0).</source>
        <translation>Das N-te Bild der Liste auswählen (ab 0).</translation>
    </message>
    <message>
        <source>What --screenshot saves: window, histogram or heatmap (default: window).</source>
        <translation>Was --screenshot speichert: window, histogram oder heatmap (Standard: window).</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800.</source>
        <translation>Fenstergröße, z. B. 1280x800.</translation>
    </message>
    <message>
        <source>Interface language for this run: system, en or de (default: preferences).</source>
        <translation>Sprache der Oberfläche für diesen Lauf: system, en oder de (Standard: Einstellungen).</translation>
    </message>
    <message>
        <source>--threshold expects a number, got &apos;%1&apos;.</source>
        <translation>--threshold erwartet eine Zahl, erhalten: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--select expects a row number &gt;= 0, got &apos;%1&apos;.</source>
        <translation>--select erwartet eine Zeilennummer &gt;= 0, erhalten: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--screenshot-panel expects window, histogram or heatmap, got &apos;%1&apos;.</source>
        <translation>--screenshot-panel erwartet window, histogram oder heatmap, erhalten: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--window-size expects WIDTHxHEIGHT of at least 320x240, got &apos;%1&apos;.</source>
        <translation>--window-size erwartet BREITExHÖHE von mindestens 320x240, erhalten: &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>--screenshot needs --model and --open.</source>
        <translation>--screenshot benötigt --model und --open.</translation>
    </message>
    <message>
        <source>Histogram: aligned or raw scores by group, or labels (aligned, normal and defective apart; default: aligned).</source>
        <translation>Histogramm: aligned oder raw nach Gruppe, oder labels (aligned, normal und defekt getrennt; Standard: aligned).</translation>
    </message>
    <message>
        <source>--histogram expects aligned, raw or labels, got &apos;%1&apos;.</source>
        <translation>--histogram erwartet aligned, raw oder labels, erhalten: &apos;%1&apos;.</translation>
    </message>
</context>
</TS>
