namespace Identomat.Sdk;

/// <summary>The language step (<c>language</c>): the user picks the interface language at the start of the flow.</summary>
public sealed record LanguageStep : Step<LanguageFlags>
{
    /// <summary>The step's <c>type</c>: <c>language</c>.</summary>
    public const string TypeName = "language";

    /// <summary>The key the server and <see cref="SessionBuilder"/> use when none is given: <c>language</c>.</summary>
    public const string DefaultKey = "language";

    /// <summary>The title <see cref="SessionBuilder"/> writes when none is given: <c>Language</c>.</summary>
    public const string DefaultTitle = "Language";

    /// <summary>Creates the step with nothing set.</summary>
    public LanguageStep()
        : base(TypeName, DefaultKey)
    {
    }
}

/// <summary>Flags of the <see cref="LanguageStep"/>.</summary>
public sealed record LanguageFlags : WireObject
{

    private readonly IReadOnlyList<LanguageCode>? _languages;

    /// <summary><c>languages</c>: the language codes offered to the user.</summary>
    /// <value>Server default: absent or empty offers every supported language.</value>
    [JsonPropertyName("languages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LanguageCode>? Languages { get => _languages; init => _languages = ValueList<LanguageCode>.From(value); }
}
