namespace Identomat.Sdk;

/// <summary>The user questionnaire (<c>user-questionnaire</c>): questions the user answers during the flow.</summary>
public sealed record UserQuestionnaireStep : QuestionnaireStep
{
    /// <summary>The step's <c>type</c>: <c>user-questionnaire</c>.</summary>
    public const string TypeName = "user-questionnaire";

    /// <summary>Creates the step with nothing set.</summary>
    public UserQuestionnaireStep()
        : base(TypeName)
    {
    }

    /// <summary><c>successButtonTitle</c>: the confirm button's label, per language; disabled until mandatory questions are answered.</summary>
    /// <value>Server default: <c>Confirm</c>.</value>
    [JsonPropertyName(WireNames.SuccessButtonTitle), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? SuccessButtonTitle { get; init; }
}
