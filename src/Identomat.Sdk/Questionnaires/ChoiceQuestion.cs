namespace Identomat.Sdk;

/// <summary>A question whose answer is chosen from <see cref="Options"/>: checkboxes, radio buttons or a dropdown.</summary>
public abstract record ChoiceQuestion : Question
{
    private readonly IReadOnlyList<QuestionOption>? _options;

    private protected ChoiceQuestion(string type)
        : base(type)
    {
    }

    /// <summary><c>options</c>: the choices. Option keys must be unique across the whole questionnaire.</summary>
    /// <value>Validation requires at least one.</value>
    [JsonPropertyName(WireNames.Options), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<QuestionOption>? Options { get => _options; init => _options = ValueList<QuestionOption>.From(value); }
}
