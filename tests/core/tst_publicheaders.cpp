// Qt first: its `signals`/`slots` macros and QCustomPlot's bare `signals` keyword break torch
// headers, so this translation unit fails to compile if any public core header pulls torch in.
#include <QObject>
#include <qcustomplot.h>

#include "cada/Error.h"
#include "cada/Progress.h"
#include "cada/Version.h"
#include "cada/demo/DemoData.h"
#include "cada/io/Dataset.h"
#include "cada/io/ImageLoader.h"
#include "cada/metrics/Clustering.h"
#include "cada/metrics/Metrics.h"
#include "cada/metrics/PixelMetrics.h"

#include <QtTest>

class TstPublicHeaders : public QObject {
    Q_OBJECT
  private slots:
    void torchMacrosAbsent()
    {
#ifdef TORCH_VERSION
        QFAIL("a public core header included torch/version.h");
#endif
#ifdef C10_MACROS_MACROS_H_
        QFAIL("a public core header included c10 macros");
#endif
        QVERIFY(!cada::programVersion().empty());
    }
};

QTEST_APPLESS_MAIN(TstPublicHeaders)
#include "tst_publicheaders.moc"
