namespace Identomat.Sdk;

/// <summary>A radio-button question (<c>options</c>): exactly one option is chosen.</summary>
public sealed record OptionsQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>options</c>.</summary>
    public const string TypeName = "options";

    /// <summary>Creates the question with nothing set.</summary>
    public OptionsQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: the key of the preset option, one of this question's options.</summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answer { get; init; }
}
