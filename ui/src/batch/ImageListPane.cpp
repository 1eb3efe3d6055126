#include "batch/ImageListPane.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QUrl>
#include <QVBoxLayout>

#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"
#include "batch/ImageTableView.h"
#include "batch/ThumbnailLoader.h"
#include "session/InspectionSession.h"
#include "window/EngineMessages.h"

namespace cada::ui {

ImageListPane::ImageListPane(InspectionSession* session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    ImageFilterProxy* proxy = session->proxy();
    m_table = new ImageTableView(this);
    m_table->setModel(proxy);
    m_table->setThumbnailLoader(session->thumbnails());
    m_table->setColumnWidth(ImageListModel::ThumbnailColumn, 56);
    // Narrow enough that the score stays in view beside the image at 1280 px; long paths keep
    // their file name and lose the middle.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setColumnWidth(ImageListModel::FileColumn, 170);
    m_table->setColumnWidth(ImageListModel::GroupColumn, 70);
    m_table->setColumnWidth(ImageListModel::ScoreColumn, 70);
    m_table->setColumnWidth(ImageListModel::VerdictColumn, 120); // "Unbekannter Typ" in full
    // What a reviewer decides on comes first, so it stays in view in a narrow list (1280 x 800,
    // German): thumbnail, verdict, score, decision, then file, group and note.
    QHeaderView* header = m_table->horizontalHeader();
    int at = 1;
    for (int column :
         {ImageListModel::VerdictColumn, ImageListModel::ScoreColumn,
          ImageListModel::DecisionColumn, ImageListModel::FileColumn, ImageListModel::GroupColumn})
        header->moveSection(header->visualIndex(column), at++);
    m_table->sortByColumn(ImageListModel::ScoreColumn, Qt::DescendingOrder);

    m_nameFilter = new QLineEdit(this);
    m_nameFilter->setPlaceholderText(tr("Filter by file name"));
    m_nameFilter->setClearButtonEnabled(true);
    m_nameFilter->setMinimumWidth(100); // the placeholder stays readable
    m_flaggedOnly = new QCheckBox(tr("Flagged only"), this);
    m_reviewFilter = new QComboBox(this);
    m_reviewFilter->addItem(tr("All images"), int(ImageFilterProxy::AllImages));
    m_reviewFilter->addItem(tr("Unreviewed"), int(ImageFilterProxy::Unreviewed));
    m_reviewFilter->addItem(tr("Reviewed"), int(ImageFilterProxy::Reviewed));
    m_reviewFilter->addItem(tr("Disagreements"), int(ImageFilterProxy::Disagreements));
    m_reviewFilter->addItem(tr("Unknown type"), int(ImageFilterProxy::UnknownTypes));
    m_reviewFilter->setToolTip(
        tr("Review filter; a disagreement is a decision that contradicts the verdict"));
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    m_notice->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 4px; }"));
    m_notice->setTextInteractionFlags(Qt::LinksAccessibleByMouse);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_nameFilter, 1);
    filterRow->addWidget(m_flaggedOnly);
    filterRow->addWidget(m_reviewFilter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filterRow);
    layout->addWidget(m_notice);
    layout->addWidget(m_table, 1);

    connect(m_nameFilter, &QLineEdit::textChanged, proxy, &ImageFilterProxy::setNameFilter);
    connect(m_flaggedOnly, &QCheckBox::toggled, proxy, &ImageFilterProxy::setFlaggedOnly);
    connect(m_reviewFilter, &QComboBox::currentIndexChanged, this, [this, proxy] {
        proxy->setReviewFilter(
            ImageFilterProxy::ReviewFilter(m_reviewFilter->currentData().toInt()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, proxy](const QModelIndex& current) {
                m_session->setCurrentRow(current.isValid() ? proxy->mapToSource(current).row()
                                                           : -1);
            });
    connect(session, &InspectionSession::selectRequested, this, [this, proxy](int row) {
        const QModelIndex index =
            proxy->mapFromSource(m_session->images()->index(row, ImageListModel::FileColumn));
        if (index.isValid())
            selectRow(index.row());
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ImageListPane::showMenu);
    connect(proxy, &QAbstractItemModel::rowsRemoved, this, &ImageListPane::followFilter,
            Qt::QueuedConnection);
    connect(proxy, &QAbstractItemModel::layoutChanged, this, &ImageListPane::followFilter,
            Qt::QueuedConnection);
    connect(m_notice, &QLabel::linkActivated, this, [this, proxy](const QString& link) {
        if (link == QLatin1String("failures")) {
            showFailures();
            return;
        }
        proxy->setRowSubset({});
        hideNotice();
    });
}

// A filter that hides the current image selects the first one it shows, or empties the viewer:
// the viewer never shows an image whose row is not highlighted.
void ImageListPane::followFilter()
{
    if (m_table->currentIndex().isValid())
        return;
    if (m_session->currentRow() >= 0)
        m_session->setCurrentRow(-1);
    if (m_session->proxy()->rowCount() > 0)
        selectRow(0);
    else
        emit emptied();
}

bool ImageListPane::selectRow(int row)
{
    ImageFilterProxy* proxy = m_session->proxy();
    if (row < 0 || row >= proxy->rowCount())
        return false;
    // The first visual column: scrolling to it never moves the list sideways.
    const QModelIndex index = proxy->index(row, ImageListModel::ThumbnailColumn);
    if (m_table->currentIndex().row() == row) {
        // Reload: the result or map may have changed since.
        m_session->setCurrentRow(proxy->mapToSource(index).row());
        return true;
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void ImageListPane::stepSelection(int delta)
{
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    selectRow(std::clamp(current + delta, 0, m_session->proxy()->rowCount() - 1));
}

void ImageListPane::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setVisible(true);
}

void ImageListPane::hideNotice()
{
    m_notice->setVisible(false);
}

void ImageListPane::showMenu(const QPoint& at)
{
    const QModelIndex index = m_table->indexAt(at);
    if (!index.isValid())
        return;
    if (index.row() != m_table->currentIndex().row())
        selectRow(index.row());
    const QString path = m_session->images()->path(m_session->proxy()->mapToSource(index).row());
    QMenu menu(this);
    menu.addAction(tr("Copy path"), this, [path] {
        QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(path));
    });
    menu.addAction(tr("Open containing folder"), this, [path] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    emit contextMenuAboutToShow();
    menu.addActions(m_contextActions);
    menu.exec(m_table->viewport()->mapToGlobal(at));
}

void ImageListPane::showFailures()
{
    const ImageListModel* images = m_session->images();
    QStringList lines;
    for (int row = 0; row < images->rowCount(); ++row)
        if (images->isScored(row) && !images->image(row).ok())
            lines << images->path(row) + QStringLiteral(": ") +
                         localizedEngineMessage(images->image(row).error);
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Images not scored"),
                        tr("%n image(s) could not be scored. Each file and its reason:", nullptr,
                           int(lines.size())),
                        QMessageBox::Ok, this);
    box->setDetailedText(lines.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace cada::ui
