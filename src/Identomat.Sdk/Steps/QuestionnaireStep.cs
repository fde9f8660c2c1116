namespace Identomat.Sdk;

/// <summary>
/// A questionnaire step: a titled list of <see cref="Question"/>s. Unlike other steps it has no <c>flags</c>, and its
/// texts are <see cref="LocalizedText"/> objects.
/// </summary>
public abstract record QuestionnaireStep : Step
{
    private readonly IReadOnlyList<Question>? _questions;

    private protected QuestionnaireStep(string type)
        : base(type, defaultKey: null)
    {
    }

    /// <summary><c>title</c>: the questionnaire's heading, per language.</summary>
    [JsonPropertyName(WireNames.Title), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Title { get; init; }

    /// <summary><c>description</c>: text under the title, per language.</summary>
    [JsonPropertyName(WireNames.Description), JsonPropertyOrder(-49), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Description { get; init; }

    /// <summary>
    /// <c>questions</c>: the questions, in order. Question keys are unique within the questionnaire; option keys are
    /// unique across all its questions.
    /// </summary>
    [JsonPropertyName(WireNames.Questions), JsonPropertyOrder(-48), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Question>? Questions { get => _questions; init => _questions = ValueList<Question>.From(value); }
}
