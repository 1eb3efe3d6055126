#pragma once
// Runs the `cada` executable (path from the CADA_CLI environment variable set by CTest).
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <csignal>
#include <sys/types.h>

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

// Starts `cada args`, sends `signal` once its progress on stderr shows `stage`, and waits for it
// to end. Returns its exit code; -2 when it crashed, -1 when it did not start, never showed the
// stage or did not end.
inline int interruptCadaAt(const QStringList& args, const QByteArray& stage, int signal)
{
    QProcess p;
    p.start(qEnvironmentVariable("CADA_CLI"), args);
    if (!p.waitForStarted())
        return -1;
    QByteArray err;
    if (!QTest::qWaitFor(
            [&] {
                err += p.readAllStandardError();
                return err.contains(stage);
            },
            300000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    ::kill(pid_t(p.processId()), signal);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}
