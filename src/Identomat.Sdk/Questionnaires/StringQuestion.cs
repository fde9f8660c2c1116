namespace Identomat.Sdk;

/// <summary>A short-text question (<c>string</c>).</summary>
public sealed record StringQuestion : Question
{
    /// <summary>The question's <c>type</c>: <c>string</c>.</summary>
    public const string TypeName = "string";

    /// <summary>Creates the question with nothing set.</summary>
    public StringQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary>
    /// <c>answer</c>: a preset answer, per language, or one text for every language (<see cref="LocalizedText.Plain"/>,
    /// written as a bare string).
    /// </summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Answer { get; init; }
}
