namespace Identomat.Sdk;

/// <summary>The answers to one questionnaire of the session (<c>questionnaires[]</c> of a result).</summary>
public sealed record QuestionnaireAnswers : ResultObject
{
    private IReadOnlyList<QuestionAnswer>? _questions;

    /// <summary><c>key</c>: the questionnaire step's key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary><c>questions</c>: one entry per answered question.</summary>
    [JsonPropertyName("questions")]
    [JsonConverter(typeof(LenientListJsonConverter<QuestionAnswer>))]
    public IReadOnlyList<QuestionAnswer>? Questions { get => _questions; init => _questions = Internal.ValueList<QuestionAnswer>.From(value); }

    /// <summary>The answer to a question by its key, or null.</summary>
    /// <param name="questionKey">The question's key.</param>
    /// <returns>The answer, or null when the question was not answered.</returns>
    public QuestionAnswer? this[string questionKey] => Questions?.FirstOrDefault(q => q.Key == questionKey);

    /// <inheritdoc />
    public override string ToString() => $"QuestionnaireAnswers {{ Key = {Internal.PrintableText.Show(Key)}, Questions = {Questions?.Count ?? 0} }}";
}

/// <summary>
/// One answer (<c>{key, answer}</c>). The answer is a string, an array of strings (option keys or file ids), a boolean,
/// or an object of language codes; read it through the property of its kind. The user's answer is personal data.
/// </summary>
public sealed record QuestionAnswer : ResultObject
{
    private JsonValueBox _answer;

    /// <summary><c>key</c>: the question's key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary><c>answer</c>, as sent.</summary>
    [JsonPropertyName("answer")]
    public JsonElement? Answer { get => _answer.Value; init => _answer = new JsonValueBox(value); }

    /// <summary>The answer when it is a string (a text answer or one option key); otherwise null.</summary>
    [JsonIgnore]
    public string? Text => Answer is { ValueKind: JsonValueKind.String } a ? a.GetString() : null;

    /// <summary>The answer when it is an array (option keys or file ids), its string elements in order; otherwise null.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? Values => Answer is { ValueKind: JsonValueKind.Array } a
        ? a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
        : null;

    /// <summary>The answer when it is a boolean; otherwise null.</summary>
    [JsonIgnore]
    public bool? Boolean => Answer is { ValueKind: JsonValueKind.True or JsonValueKind.False } a ? a.GetBoolean() : null;

    /// <summary>The answer when it is an object of language codes to text; otherwise null.</summary>
    [JsonIgnore]
    public LocalizedText? Localized => Answer is { ValueKind: JsonValueKind.Object } a
        ? new LocalizedText(a.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)))
        : null;

    /// <summary>The key and the answer's JSON kind only: the answer is personal data.</summary>
    public override string ToString() => $"QuestionAnswer {{ Key = {Internal.PrintableText.Show(Key)}, Kind = {Answer?.ValueKind} }}";
}
