namespace Identomat.Sdk;

/// <summary>
/// The operator questionnaire (<c>operator-questionnaire</c>): questions the operator answers during or after the
/// video call. Its title and description may also be plain text (<see cref="LocalizedText.Plain"/>).
/// </summary>
public sealed record OperatorQuestionnaireStep : QuestionnaireStep
{
    /// <summary>The step's <c>type</c>: <c>operator-questionnaire</c>.</summary>
    public const string TypeName = "operator-questionnaire";

    /// <summary>Creates the step with nothing set.</summary>
    public OperatorQuestionnaireStep()
        : base(TypeName)
    {
    }
}
