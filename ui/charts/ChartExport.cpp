#include "charts/ChartExport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

#include <cmath>

namespace mltf::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mltf::ui::ChartExport", text);
}

Error ioError(const QString &path, const QString &detail)
{
    return Error::make(Error::Kind::Io, tr("Could not write %1.").arg(path), detail);
}

Status commit(QSaveFile &file)
{
    if (!file.commit())
        return ioError(file.fileName(), file.errorString());
    return Done{};
}

void appendNumber(QByteArray &line, double value)
{
    if (std::isnan(value))
        line += "NaN";
    else if (std::isinf(value))
        line += value > 0 ? "Inf" : "-Inf";
    else
        line += QByteArray::number(value, 'g', 17);
}

} // namespace

Status ChartExport::writePng(QWidget *widget, const QString &path, qreal scale)
{
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(widget->palette().window().color());
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        widget->render(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    if (!image.save(&file, "PNG"))
        return ioError(path, tr("The PNG encoder failed."));
    return commit(file);
}

Status ChartExport::writeSvg(QWidget *widget, const QString &path, const QString &title)
{
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&svg);
    generator.setSize(widget->size());
    generator.setViewBox(widget->rect());
    generator.setTitle(title);
    generator.setDescription(tr("Exported from MLTF Desktop"));
    {
        QPainter painter(&generator);
        widget->render(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    file.write(svg.data());
    return commit(file);
}

Status ChartExport::writeCsv(const series::ChartSeries &data, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    const series::MetricSeries &raw = data.raw();
    const series::MetricSeries &smoothed = data.smoothed();
    const bool withSmoothed = data.isSmoothed() && smoothed.size() == raw.size();
    QByteArray line = withSmoothed ? "step,timestamp,value,smoothed\n" : "step,timestamp,value\n";
    file.write(line);
    for (qsizetype i = 0; i < raw.size(); ++i) {
        line.clear();
        line += QByteArray::number(raw.step(i));
        line += ',';
        line += QByteArray::number(raw.timestamp(i));
        line += ',';
        appendNumber(line, raw.value(i));
        if (withSmoothed) {
            line += ',';
            appendNumber(line, smoothed.value(i));
        }
        line += '\n';
        if (file.write(line) < 0)
            return ioError(path, file.errorString());
    }
    return commit(file);
}

} // namespace mltf::ui
