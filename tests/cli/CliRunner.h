#pragma once
// Runs the `cada` executable (path from the CADA_CLI environment variable set by CTest).
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliResult runCada(const QStringList& args, int timeoutMs = 300000)
{
    QProcess p;
    p.start(qEnvironmentVariable("CADA_CLI"), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
