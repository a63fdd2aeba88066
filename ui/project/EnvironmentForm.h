#pragma once

#include "project/ProjectForm.h"
#include "project/ProjectValues.h"

#include <functional>

class QGroupBox;
class QLabel;
class QLineEdit;

namespace mltf::ui {

class StringListEditor;

// The environment the MLproject uses: python_env.yaml (Python version, build dependencies, dependencies),
// conda.yaml (name, channels, dependencies, pip dependencies) or docker_env (image, volumes, environment).
// Only the section in use is shown.
class EnvironmentForm : public ProjectForm
{
    Q_OBJECT
public:
    explicit EnvironmentForm(ProjectDocument *document, QWidget *parent = nullptr);

    QList<project::ProjectFileKind> files() const override;

protected:
    void refreshFields() override;

private:
    enum class Section { Python, Conda, Docker };
    Section section() const;
    void editValues(const std::function<void(ProjectValues &)> &change, const QString &description,
                    const QString &mergeKey = {});
    QGroupBox *buildPythonSection();
    QGroupBox *buildCondaSection();
    QGroupBox *buildDockerSection();

    QLabel *m_hint;
    QGroupBox *m_pythonBox;
    QLineEdit *m_python;
    StringListEditor *m_buildDependencies;
    StringListEditor *m_dependencies;
    QGroupBox *m_condaBox;
    QLineEdit *m_condaName;
    StringListEditor *m_condaChannels;
    StringListEditor *m_condaDependencies;
    StringListEditor *m_condaPip;
    QGroupBox *m_dockerBox;
    QLineEdit *m_dockerImage;
    StringListEditor *m_dockerVolumes;
    StringListEditor *m_dockerEnvironment;
};

} // namespace mltf::ui
