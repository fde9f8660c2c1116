namespace Identomat.Sdk;

/// <summary>A checkbox question (<c>multiple-choice</c>): any number of options may be chosen.</summary>
public sealed record MultipleChoiceQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>multiple-choice</c>.</summary>
    public const string TypeName = "multiple-choice";

    private readonly IReadOnlyList<string>? _answer;

    /// <summary>Creates the question with nothing set.</summary>
    public MultipleChoiceQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>readOnly</c>: show the question and its answer without letting them be changed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("readOnly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ReadOnly { get; init; }

    /// <summary><c>answer</c>: preset option keys, each one of this question's options.</summary>
    [JsonPropertyName(WireNames.Answer), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Answer { get => _answer; init => _answer = ValueList<string>.From(value); }
}
