#include "highlight/SyntaxHighlighting.h"

#include "highlight/BuiltinHighlighter.h"
#include "highlight/JsonHighlighter.h"
#include "highlight/PythonHighlighter.h"
#include "highlight/ShellHighlighter.h"
#include "highlight/YamlHighlighter.h"

#include <QFileInfo>
#include <QTextDocument>

#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
#include "highlight/KSyntaxHighlighter.h"
#endif

namespace mltf::ui {

namespace {

const char *const HighlighterName = "mltf-highlighter";

QSyntaxHighlighter *attached(QTextDocument *document)
{
    for (QObject *child : document->children()) {
        if (child->objectName() == QLatin1String(HighlighterName))
            return qobject_cast<QSyntaxHighlighter *>(child);
    }
    return nullptr;
}

DocumentHighlighter *attachedInterface(QTextDocument *document)
{
    return dynamic_cast<DocumentHighlighter *>(attached(document));
}

QSyntaxHighlighter *createBuiltin(QTextDocument *document, Language language)
{
    switch (language) {
    case Language::Yaml:
        return new YamlHighlighter(document);
    case Language::Json:
        return new JsonHighlighter(document);
    case Language::Shell:
        return new ShellHighlighter(document);
    case Language::Python:
        return new PythonHighlighter(document);
    case Language::Plain:
        break;
    }
    return new BuiltinHighlighter(document);
}

} // namespace

QSyntaxHighlighter *SyntaxHighlighting::attach(QTextDocument *document, Language language)
{
    if (QSyntaxHighlighter *old = attached(document)) {
        old->setDocument(nullptr);
        delete old;
    }
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
    QSyntaxHighlighter *highlighter = language == Language::Plain ? createBuiltin(document, language)
                                                                  : new KSyntaxHighlighter(document, language);
#else
    QSyntaxHighlighter *highlighter = createBuiltin(document, language);
#endif
    highlighter->setObjectName(QLatin1String(HighlighterName));
    highlighter->rehighlight(); // now rather than on the next event loop pass: callers read formats at once
    return highlighter;
}

QString SyntaxHighlighting::backendName()
{
#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING
    return QStringLiteral("KSyntaxHighlighting");
#else
    return QStringLiteral("built-in");
#endif
}

void SyntaxHighlighting::setErrorLines(QTextDocument *document, const QSet<int> &lines)
{
    if (DocumentHighlighter *highlighter = attachedInterface(document))
        highlighter->setErrorLines(lines);
}

void SyntaxHighlighting::refreshTheme(QTextDocument *document)
{
    if (DocumentHighlighter *highlighter = attachedInterface(document))
        highlighter->refreshTheme();
}

Language SyntaxHighlighting::languageForFileName(const QString &fileName)
{
    const QFileInfo info(fileName);
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("json"))
        return Language::Json;
    if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") ||
        info.fileName().compare(QLatin1String("MLproject"), Qt::CaseInsensitive) == 0)
        return Language::Yaml;
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash"))
        return Language::Shell;
    if (suffix == QLatin1String("py"))
        return Language::Python;
    return Language::Plain;
}

} // namespace mltf::ui
