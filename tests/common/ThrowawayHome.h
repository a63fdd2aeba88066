#pragma once

#include <QByteArray>
#include <QTemporaryDir>

namespace mltf::test {

// Points the test process at a fresh, private home for settings, data and cache, before anything reads
// settings. QStandardPaths' test mode is not enough: it shares one folder between all tests running in
// parallel, so one test's saved settings leak into another.
inline void useThrowawayHome()
{
    static QTemporaryDir home; // removed when the test exits
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    qunsetenv("MLTF_SITE_CONFIG");
}

} // namespace mltf::test
