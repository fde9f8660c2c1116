namespace Identomat.Sdk;

/// <summary>Adds the questions of an operator questionnaire; see <see cref="SessionBuilder.AddOperatorQuestionnaire"/>.</summary>
public sealed class OperatorQuestionnaireBuilder : QuestionnaireBuilder<OperatorQuestionnaireBuilder>
{
    internal OperatorQuestionnaireBuilder()
    {
    }

    internal OperatorQuestionnaireStep Build(string key, LocalizedText title) => new()
    {
        Key = key,
        Title = title,
        Description = BuiltDescription,
        Questions = BuildQuestions(),
    };
}
