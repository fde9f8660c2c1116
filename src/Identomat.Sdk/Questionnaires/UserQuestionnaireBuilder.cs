namespace Identomat.Sdk;

/// <summary>Adds the questions of a user questionnaire; see <see cref="StepListBuilder{TSelf}.AddUserQuestionnaire"/>.</summary>
public sealed class UserQuestionnaireBuilder : QuestionnaireBuilder<UserQuestionnaireBuilder>
{
    private LocalizedText? _successButtonTitle;

    internal UserQuestionnaireBuilder()
    {
    }

    /// <summary>Sets the confirm button's label (<c>successButtonTitle</c>).</summary>
    /// <param name="title">The label; a plain string is English.</param>
    /// <returns>This builder.</returns>
    public UserQuestionnaireBuilder SuccessButtonTitle(LocalizedText title)
    {
        _successButtonTitle = title;
        return this;
    }

    /// <summary>Adds an attachment question (<c>attachment</c>): files shared with the user.</summary>
    /// <param name="key">The question key.</param>
    /// <param name="title">The question's label.</param>
    /// <param name="configure">Sets the rest of the question, e.g. preset file ids in <c>Answer</c>; nothing when null.</param>
    /// <returns>This builder.</returns>
    public UserQuestionnaireBuilder AddAttachment(string key, LocalizedText title, Func<AttachmentQuestion, AttachmentQuestion>? configure = null) =>
        Add(new AttachmentQuestion { Key = key, Title = title }, configure);

    internal UserQuestionnaireStep Build(string key, LocalizedText title) => new()
    {
        Key = key,
        Title = title,
        Description = BuiltDescription,
        Questions = BuildQuestions(),
        SuccessButtonTitle = _successButtonTitle,
    };
}
