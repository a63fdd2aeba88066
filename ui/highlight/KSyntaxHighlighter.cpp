#ifdef MLTF_HAVE_KSYNTAXHIGHLIGHTING

#include "highlight/KSyntaxHighlighter.h"

#include "highlight/HighlightTheme.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>

#include <QGuiApplication>

namespace mltf::ui {

namespace {

KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo; // loading the definitions is costly: once per process
    return repo;
}

QString definitionName(Language language)
{
    switch (language) {
    case Language::Yaml: return QStringLiteral("YAML");
    case Language::Json: return QStringLiteral("JSON");
    case Language::Shell: return QStringLiteral("Bash");
    case Language::Python: return QStringLiteral("Python");
    case Language::Plain: break;
    }
    return {};
}

} // namespace

KSyntaxHighlighter::KSyntaxHighlighter(QTextDocument *document, Language language)
    : KSyntaxHighlighting::SyntaxHighlighter(document)
{
    setDefinition(repository().definitionForName(definitionName(language)));
    refreshTheme();
}

void KSyntaxHighlighter::setErrorLines(const QSet<int> &lines)
{
    if (lines == m_errorLines)
        return;
    m_errorLines = lines;
    rehighlight();
}

void KSyntaxHighlighter::refreshTheme()
{
    setTheme(repository().defaultTheme(HighlightTheme::isDark(QGuiApplication::palette())
                                           ? KSyntaxHighlighting::Repository::DarkTheme
                                           : KSyntaxHighlighting::Repository::LightTheme));
    rehighlight();
}

void KSyntaxHighlighter::highlightBlock(const QString &text)
{
    KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
    if (!m_errorLines.contains(currentBlock().blockNumber() + 1))
        return;
    const HighlightTheme theme = HighlightTheme::fromPalette(QGuiApplication::palette());
    for (int i = 0; i < text.size(); ++i)
        setFormat(i, 1, theme.withError(format(i)));
}

} // namespace mltf::ui

#endif
