#include "runs/StatePlaceholder.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mltf::ui {

StatePlaceholder::StatePlaceholder(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry"), this))
{
    m_label->setObjectName(QStringLiteral("stateText"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, &StatePlaceholder::retryRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_label);
    layout->addWidget(m_retry, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

void StatePlaceholder::showMessage(const QString &text)
{
    show(Kind::Message, text, {});
}

void StatePlaceholder::showLoading(const QString &text)
{
    show(Kind::Loading, text, {});
}

void StatePlaceholder::showError(const QString &text, const QString &detail)
{
    show(Kind::Error, text, detail);
}

QString StatePlaceholder::text() const
{
    return m_label->text();
}

void StatePlaceholder::show(Kind kind, const QString &text, const QString &detail)
{
    m_kind = kind;
    m_label->setText(text);
    m_label->setToolTip(detail);
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, kind == Kind::Error ? QColor(0xb0, 0x1e, 0x1e)
                                                               : palette.color(QPalette::PlaceholderText));
    m_label->setPalette(palette);
    m_retry->setVisible(kind == Kind::Error);
}

} // namespace mltf::ui
