<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>cada::ui::GroupsPanel</name>
    <message numerus="yes">
        <source>All groups
%n image(s), %1 flagged</source>
        <translation>
            <numerusform>All groups
%n image, %1 flagged</numerusform>
            <numerusform>All groups
%n images, %1 flagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s), %2 flagged</source>
        <translation>
            <numerusform>%1
%n image, %2 flagged</numerusform>
            <numerusform>%1
%n images, %2 flagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown
%n image(s), %1 flagged</source>
        <translation>
            <numerusform>Unknown
%n image, %1 flagged</numerusform>
            <numerusform>Unknown
%n images, %1 flagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1
%n image(s), %2 flagged
%3 in training</source>
        <translation>
            <numerusform>%1
%n image, %2 flagged
%3 in training</numerusform>
            <numerusform>%1
%n images, %2 flagged
%3 in training</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::HistogramPanel</name>
    <message numerus="yes">
        <source>%1 (%n image(s))</source>
        <translation>
            <numerusform>%1 (%n image)</numerusform>
            <numerusform>%1 (%n images)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::ImageListPane</name>
    <message numerus="yes">
        <source>%n image(s) could not be scored. Each file and its reason:</source>
        <translation>
            <numerusform>%n image could not be scored. Its file and reason:</numerusform>
            <numerusform>%n images could not be scored. Each file and its reason:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::InspectionSession</name>
    <message numerus="yes">
        <source>%n entry(ies) skipped while scanning; first: %1</source>
        <translation>
            <numerusform>%n entry skipped while scanning; first: %1</numerusform>
            <numerusform>%n entries skipped while scanning; first: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be scored; first: %1</source>
        <translation>
            <numerusform>%n image could not be scored; first: %1</numerusform>
            <numerusform>%n images could not be scored; first: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::MainWindow</name>
    <message numerus="yes">
        <source>Showing the %n image(s) of one histogram bin. &lt;a href=&quot;clear&quot;&gt;Show all&lt;/a&gt;</source>
        <translation>
            <numerusform>Showing %n image of one histogram bin. &lt;a href=&quot;clear&quot;&gt;Show all&lt;/a&gt;</numerusform>
            <numerusform>Showing the %n images of one histogram bin. &lt;a href=&quot;clear&quot;&gt;Show all&lt;/a&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::ProjectController</name>
    <message numerus="yes">
        <source>Relocated %n image(s); %1 not found, %2 with other content.</source>
        <translation>
            <numerusform>Relocated %n image; %1 not found, %2 with other content.</numerusform>
            <numerusform>Relocated %n images; %1 not found, %2 with other content.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of this project are not at their recorded place.</source>
        <translation>
            <numerusform>%n image of this project is not at its recorded place.</numerusform>
            <numerusform>%n images of this project are not at their recorded place.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) of this project are no longer in %1. Were they moved to another folder?</source>
        <translation>
            <numerusform>%n image of this project is no longer in %1. Was it moved to another folder?</numerusform>
            <numerusform>%n images of this project are no longer in %1. Were they moved to another folder?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Report written to %1 with %n overlay(s).</source>
        <translation>
            <numerusform>Report written to %1 with %n overlay.</numerusform>
            <numerusform>Report written to %1 with %n overlays.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::TeachController</name>
    <message numerus="yes">
        <source>%n selected image(s) are reviewed defective; an image marked defective is never taught as normal. Select only images reviewed OK.</source>
        <translation>
            <numerusform>%n selected image is reviewed defective; an image marked defective is never taught as normal. Select only images reviewed OK.</numerusform>
            <numerusform>%n selected images are reviewed defective; an image marked defective is never taught as normal. Select only images reviewed OK.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learn a new product type from %n image(s) reviewed OK?</source>
        <translation>
            <numerusform>Learn a new product type from %n image reviewed OK?</numerusform>
            <numerusform>Learn a new product type from %n images reviewed OK?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Teach %n image(s) reviewed OK as normal?</source>
        <translation>
            <numerusform>Teach %n image reviewed OK as normal?</numerusform>
            <numerusform>Teach %n images reviewed OK as normal?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) not reviewed OK are left out.</source>
        <translation>
            <numerusform>%n image not reviewed OK is left out.</numerusform>
            <numerusform>%n images not reviewed OK are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) score far above the threshold %1 for their type: %2. Teaching a real defect as normal hides it from now on.</source>
        <translation>
            <numerusform>%n image scores far above the threshold %1 for its type: %2. Teaching a real defect as normal hides it from now on.</numerusform>
            <numerusform>%n images score far above the threshold %1 for their type: %2. Teaching a real defect as normal hides it from now on.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cada::ui::TrainDialog</name>
    <message numerus="yes">
        <source>Scanning %n folder(s)...</source>
        <translation>
            <numerusform>Scanning %n folder...</numerusform>
            <numerusform>Scanning %n folders...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training on %n image(s).</source>
        <translation>
            <numerusform>Training on %n image.</numerusform>
            <numerusform>Training on %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training on %n image(s); %1 entries skipped (first: %2).</source>
        <translation>
            <numerusform>Training on %n image; %1 entries skipped (first: %2).</numerusform>
            <numerusform>Training on %n images; %1 entries skipped (first: %2).</numerusform>
        </translation>
    </message>
</context>
</TS>
