namespace Identomat.Sdk;

/// <summary>A choice of a <see cref="ChoiceQuestion"/>: <c>{"key": "opt_a", "title": {"en": "Option A"}}</c>.</summary>
public sealed record QuestionOption : WireObject
{

    /// <summary>Creates an option with nothing set.</summary>
    public QuestionOption()
    {
    }

    /// <summary>Creates an option.</summary>
    /// <param name="key">The option's key, unique within the questionnaire.</param>
    /// <param name="title">The option's label.</param>
    public QuestionOption(string key, LocalizedText title)
    {
        Key = key;
        Title = title;
    }

    /// <summary><c>key</c>: the option's identifier, unique across the whole questionnaire; answers and conditions refer to it.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.Key), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary><c>title</c>: the option's label, per language.</summary>
    /// <value>Required by validation.</value>
    [JsonPropertyName(WireNames.Title), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Title { get; init; }

    private protected override string Describe() => $"key = {Key}";
}
