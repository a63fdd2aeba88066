#pragma once

#include "auth/AuthService.h"
#include "mainwindow/MainWindow.h"

#include <QTest>

namespace mltf::test {

// A main window that, before it goes away, waits until its start-up keychain lookup has answered, as a user's
// window always has by the time they close it. (Destroying it earlier only happens in tests.)
class SettledWindow : public ui::MainWindow
{
public:
    using ui::MainWindow::MainWindow;
    ~SettledWindow() override
    {
        if (!QTest::qWaitFor([this] { return authService()->isStarted(); }, 15000))
            qWarning("the keychain did not answer within 15 s");
    }
};

} // namespace mltf::test
