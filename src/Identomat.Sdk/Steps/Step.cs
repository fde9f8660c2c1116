namespace Identomat.Sdk;

/// <summary>
/// One step of a verification flow (an element of <c>steps</c>). On the wire every step starts with its
/// <c>type</c> discriminator and its <c>key</c>. Steps the SDK does not know are read as <see cref="UnknownStep"/>
/// and written back unchanged.
/// </summary>
[JsonConverter(typeof(StepJsonConverter))]
public abstract record Step : WireObject
{
    private protected Step(string type, string? defaultKey)
    {
        Type = type;
        DefaultKeyOfType = defaultKey;
    }

    /// <summary><c>type</c>: the step's discriminator, e.g. <c>identity-document</c>.</summary>
    [JsonPropertyName(WireNames.Type), JsonPropertyOrder(-100)]
    public string Type { get; private protected init; }

    /// <summary>
    /// <c>key</c>: the step's identifier, unique within the session (video-call steps included). Results and
    /// questionnaire answers refer to it.
    /// </summary>
    /// <value>
    /// Null by default: the key is then omitted and the server uses the step type's default key, which validation
    /// also assumes when checking uniqueness. <see cref="SessionBuilder"/> always writes the default key.
    /// </value>
    [JsonPropertyName(WireNames.Key), JsonPropertyOrder(-99), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary>The key the server uses: <see cref="Key"/>, or the step type's default key when unset.</summary>
    internal string? EffectiveKey => Key ?? DefaultKeyOfType;

    internal string? DefaultKeyOfType { get; }

    /// <summary>The step's <c>flags</c> object, for checks common to all flags; null for steps without flags.</summary>
    internal virtual WireObject? FlagsObject => null;

    /// <summary>The step's type and key: never values.</summary>
    private protected override string Describe() => $"type = {Type}, key = {Key}";
}

/// <summary>A step whose settings are a <c>flags</c> object and whose <c>title</c> is a plain string.</summary>
/// <typeparam name="TFlags">The step's flags record.</typeparam>
public abstract record Step<TFlags> : Step
    where TFlags : WireObject
{
    private protected Step(string type, string defaultKey)
        : base(type, defaultKey)
    {
    }

    /// <summary><c>title</c>: the heading the widget shows for this step.</summary>
    /// <value>
    /// Null by default (omitted; the widget's own title applies). <see cref="SessionBuilder"/> writes the step type's
    /// default title where it has one.
    /// </value>
    [JsonPropertyName(WireNames.Title), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    /// <summary><c>flags</c>: the step's settings.</summary>
    /// <value>Null by default: omitted, so every flag takes its server default. An empty flags object is written as <c>{}</c>.</value>
    [JsonPropertyName(WireNames.Flags), JsonPropertyOrder(-49), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(WireObjectJsonConverterFactory))]
    public TFlags? Flags { get; init; }

    internal override WireObject? FlagsObject => Flags;
}
