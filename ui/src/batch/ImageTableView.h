#pragma once
// The image list. Asks the ThumbnailLoader for the visible rows plus a margin, nearest to the
// viewport centre first, 120 ms after the last scroll or resize (so a fast scroll loads nothing).
#include <QTableView>

class QTimer;

namespace cada::ui {

class ThumbnailLoader;

class ImageTableView : public QTableView {
    Q_OBJECT
  public:
    explicit ImageTableView(QWidget* parent = nullptr);
    void setThumbnailLoader(ThumbnailLoader* loader) { m_loader = loader; }
    void requestVisibleThumbnails();

  protected:
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    ThumbnailLoader* m_loader = nullptr;
    QTimer* m_debounce = nullptr;
};

} // namespace cada::ui
