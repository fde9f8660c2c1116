namespace Identomat.Sdk;

/// <summary>A dropdown question (<c>dropdown</c>): one option, or several when <see cref="Multiple"/> is true. No preset answer.</summary>
public sealed record DropdownQuestion : ChoiceQuestion
{
    /// <summary>The question's <c>type</c>: <c>dropdown</c>.</summary>
    public const string TypeName = "dropdown";

    /// <summary>Creates the question with nothing set.</summary>
    public DropdownQuestion()
        : base(TypeName)
    {
    }

    /// <summary><c>multiple</c>: several options may be chosen.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("multiple"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Multiple { get; init; }
}
