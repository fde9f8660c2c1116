namespace Identomat.Sdk;

/// <summary>
/// A question of a user or operator questionnaire. On the wire every question starts with its <c>type</c> and
/// <c>key</c>. Question types the SDK does not know are read as <see cref="UnknownQuestion"/> and written back unchanged.
/// </summary>
[JsonConverter(typeof(QuestionJsonConverter))]
public abstract record Question : WireObject
{
    private protected Question(string type) => Type = type;

    /// <summary><c>type</c>: the question's discriminator, e.g. <c>multiple-choice</c>.</summary>
    [JsonPropertyName(WireNames.Type), JsonPropertyOrder(-100)]
    public string Type { get; private protected init; }

    /// <summary><c>key</c>: the question's identifier, unique within its questionnaire; answers refer to it.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.Key), JsonPropertyOrder(-99), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary><c>title</c>: the question's label, per language.</summary>
    [JsonPropertyName(WireNames.Title), JsonPropertyOrder(-98), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Title { get; init; }

    /// <summary><c>mandatory</c>: the question must be answered before the questionnaire can be confirmed.</summary>
    /// <value>Server default: false.</value>
    [JsonPropertyName("mandatory"), JsonPropertyOrder(-97), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Mandatory { get; init; }

    /// <summary><c>showConditions</c>: show the question only when an earlier question has a given answer.</summary>
    /// <value>Server default: always shown.</value>
    [JsonPropertyName(WireNames.ShowConditions), JsonPropertyOrder(-96), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(WireObjectJsonConverterFactory))]
    public ShowCondition? ShowConditions { get; init; }

    /// <summary>The question's type and key: never values.</summary>
    private protected override string Describe() => $"type = {Type}, key = {Key}";
}
