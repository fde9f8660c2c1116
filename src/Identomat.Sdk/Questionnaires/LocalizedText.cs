using System.Collections;

namespace Identomat.Sdk;

/// <summary>
/// Text in one or more languages, keyed by language code, as questionnaires carry it on the wire:
/// <c>{"en": "About you", "ka": "თქვენ შესახებ"}</c>. Immutable, ordered as given, compared by value.
/// </summary>
/// <remarks>
/// A plain string converts implicitly to English text (<c>{"en": "..."}</c>). Use <see cref="With"/> to add languages.
/// A few places also take one text for every language, written as a bare JSON string: see <see cref="Plain"/>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IReadOnlyDictionary<string, string>, IEquatable<LocalizedText>
{
    /// <summary>The language code a plain string converts to: <c>en</c>.</summary>
    public const string DefaultLanguage = "en";

    private readonly KeyValuePair<string, string>[] _entries;

    private LocalizedText(KeyValuePair<string, string>[] entries, string? plainText)
    {
        _entries = entries;
        PlainText = plainText;
    }

    /// <summary>Creates text in one language.</summary>
    /// <param name="language">The language code, e.g. <c>en</c>.</param>
    /// <param name="text">The text in that language.</param>
    public LocalizedText(string language, string text)
        : this([Entry(language, text)], plainText: null)
    {
    }

    /// <summary>Creates text from language-code and text pairs; a later pair for the same language wins.</summary>
    /// <param name="entries">The pairs, in the order they should be written.</param>
    public LocalizedText(IEnumerable<KeyValuePair<string, string>> entries)
        : this(Merge(Array.Empty<KeyValuePair<string, string>>(), entries ?? throw new ArgumentNullException(nameof(entries))), plainText: null)
    {
    }

    /// <summary>The number of languages.</summary>
    public int Count => _entries.Length;

    /// <summary>The language codes, in order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>The texts, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<string> Values => _entries.Select(e => e.Value);

    /// <summary>
    /// The text when this is one text for every language (<see cref="Plain"/>), written as a bare JSON string; null
    /// for an object of languages. Plain text has no language entries.
    /// </summary>
    public string? PlainText { get; }

    /// <summary>The text for a language code.</summary>
    /// <param name="key">The language code.</param>
    /// <exception cref="KeyNotFoundException">The language is absent.</exception>
    public string this[string key] =>
        TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text for language '{key}'.");

    /// <summary>Converts a plain string to English text.</summary>
    /// <param name="text">The English text.</param>
    public static implicit operator LocalizedText(string text) => new(DefaultLanguage, text);

    /// <summary>Compares two texts by value.</summary>
    /// <param name="left">The first text.</param>
    /// <param name="right">The second text.</param>
    public static bool operator ==(LocalizedText? left, LocalizedText? right) => Equals(left, right);

    /// <summary>Compares two texts by value.</summary>
    /// <param name="left">The first text.</param>
    /// <param name="right">The second text.</param>
    public static bool operator !=(LocalizedText? left, LocalizedText? right) => !Equals(left, right);

    /// <summary>A copy with the text for one more language, or with that language's text replaced.</summary>
    /// <param name="language">The language code.</param>
    /// <param name="text">The text.</param>
    public LocalizedText With(string language, string text) =>
        new(Merge(_entries, [Entry(language, text)]), plainText: null);

    /// <summary>
    /// One text for every language, written as a bare JSON string. The wire format accepts it for a string question's
    /// preset answer and anywhere in an operator questionnaire (its title and description, question titles and
    /// descriptions, option titles: real operator questionnaires use plain strings); validation rejects it in user
    /// questionnaires, which need an object of languages. The builder always writes objects.
    /// </summary>
    /// <param name="text">The text.</param>
    public static LocalizedText Plain(string text) =>
        new(Array.Empty<KeyValuePair<string, string>>(), text ?? throw new ArgumentNullException(nameof(text)));

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
#pragma warning disable CS8767 // The attribute of the interface differs between target frameworks.
    public bool TryGetValue(string key, out string value)
#pragma warning restore CS8767
    {
        foreach (var entry in _entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(LocalizedText? other) =>
        other is not null && PlainText == other.PlainText && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    /// <inheritdoc />
    public override int GetHashCode() =>
        _entries.Aggregate(_entries.Length, (hash, entry) => unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(entry.Key)));

    /// <summary>The language codes only: the texts may hold personal data and are never printed.</summary>
    public override string ToString() => PlainText is null ? $"LocalizedText [{string.Join(", ", Keys)}]" : "LocalizedText (plain)";

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries in order, for the SDK's writer and validator (no enumerator to allocate per text).</summary>
    internal ReadOnlySpan<KeyValuePair<string, string>> Entries => _entries;

    private static KeyValuePair<string, string> Entry(string language, string text) => new(
        language ?? throw new ArgumentNullException(nameof(language)),
        text ?? throw new ArgumentNullException(nameof(text)));

    private static KeyValuePair<string, string>[] Merge(
        IEnumerable<KeyValuePair<string, string>> existing, IEnumerable<KeyValuePair<string, string>> added)
    {
        // Linear: the entries can come from a server's answer of any size.
        var list = existing.ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            index[list[i].Key] = i;
        }

        foreach (var entry in added)
        {
            var checkedEntry = Entry(entry.Key, entry.Value);
            if (index.TryGetValue(checkedEntry.Key, out var at))
            {
                list[at] = checkedEntry;
            }
            else
            {
                index[checkedEntry.Key] = list.Count;
                list.Add(checkedEntry);
            }
        }

        return list.ToArray();
    }
}
