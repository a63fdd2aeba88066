#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace mltf::ui {

// What a list shows instead of rows: "Loading runs…", "No runs match this filter", or an error in plain
// words with a Retry button.
class StatePlaceholder : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Message, Loading, Error };

    explicit StatePlaceholder(QWidget *parent = nullptr);

    void showMessage(const QString &text);
    void showLoading(const QString &text);
    // `detail` goes into the tooltip (for people who want to know more, e.g. the URL).
    void showError(const QString &text, const QString &detail = {});

    Kind kind() const { return m_kind; }
    QString text() const;

signals:
    void retryRequested();

private:
    void show(Kind kind, const QString &text, const QString &detail);

    Kind m_kind = Kind::Message;
    QLabel *m_label;
    QPushButton *m_retry;
};

} // namespace mltf::ui
