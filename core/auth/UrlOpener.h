#pragma once

#include <QUrl>

#include <functional>

namespace mltf::auth {

// The one way sign-in opens a page in the user's browser. Core cannot use QDesktopServices (QtGui), so the
// application injects the desktop opener from ui/ (ui/auth/DesktopUrlOpener), and tests inject one that
// drives a headless browser.
class UrlOpener
{
public:
    virtual ~UrlOpener() = default;
    // False when no browser could be started (the sign-in dialog then shows the address to copy).
    virtual bool openUrl(const QUrl &url) = 0;
};

// An opener made from a function (tests, the command line).
class FunctionUrlOpener : public UrlOpener
{
public:
    explicit FunctionUrlOpener(std::function<bool(const QUrl &)> open)
        : m_open(std::move(open))
    {}
    bool openUrl(const QUrl &url) override { return m_open ? m_open(url) : false; }

private:
    std::function<bool(const QUrl &)> m_open;
};

} // namespace mltf::auth
