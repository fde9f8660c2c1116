using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>
/// Tests written for the mutants that survived Stryker.NET on the request wire (WireConverters, WireReadException,
/// RawProperties, RequestJsonContext). The survivors left are listed in the closing note: converter tables and
/// <c>HandleNull</c> values the serializer caches once per process (mutant switching cannot reach them), hash
/// arithmetic, and unreachable fallbacks.
/// </summary>
public class WireMutationKillTests
{
    private static SessionRequest Raw(params (string Name, int Value)[] properties) => new()
    {
        AdditionalProperties = properties.ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.Value)),
    };

    [Test]
    public void Raw_properties_compare_by_count_name_and_value()
    {
        var one = Raw(("a", 1));
        Assert.That(Raw(("a", 1)), Is.EqualTo(one));
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("a", 1), ("b", 2))), "a different count");
        Assert.That(Raw(("a", 1), ("b", 2)), Is.Not.EqualTo(Raw(("a", 1))), "a different count, the other way");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("b", 1))), "the same value under another name");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(Raw(("a", 2))), "another value under the same name");
        Assert.That(Raw(("a", 1)), Is.Not.EqualTo(new SessionRequest()), "none at all");
    }

    [Test]
    public void Raw_properties_answer_lookups_and_refuse_changes_with_a_reason()
    {
        var raw = SessionRequest.FromJson("""{"a":1}""").AdditionalProperties!;
        var dictionary = (IDictionary<string, JsonElement>)raw;
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(1))), Is.True);
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(2))), Is.False);
        Assert.That(dictionary.Contains(new KeyValuePair<string, JsonElement>("b", JsonSerializer.SerializeToElement(1))), Is.False);
        Assert.That(Assert.Throws<KeyNotFoundException>(() => _ = raw["b"])!.Message, Does.Contain("'b'"));
        Assert.That(Assert.Throws<NotSupportedException>(() => dictionary.Remove("a"))!.Message, Does.Contain("immutable"));
        Assert.That(dictionary.IsReadOnly, Is.True);
    }

    [Test]
    public void Raw_properties_refuse_a_null_name_and_an_undefined_value_naming_them()
    {
        var nullName = new[] { new KeyValuePair<string, JsonElement>(null!, JsonSerializer.SerializeToElement(1)) };
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new ListDictionary(nullName) })!.Message, Does.Contain("name cannot be null"));
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = default } })!.Message, Does.Contain("'x'"));
    }

    [Test]
    public void Raw_properties_given_twice_keep_the_last_value_at_the_end()
    {
        var pairs = new ListDictionary(new[]
        {
            new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(1)),
            new KeyValuePair<string, JsonElement>("b", JsonSerializer.SerializeToElement(2)),
            new KeyValuePair<string, JsonElement>("a", JsonSerializer.SerializeToElement(3)),
        });
        Assert.That(new SessionRequest { AdditionalProperties = pairs }.ToJson(), Is.EqualTo("""{"b":2,"a":3}"""));
    }

    [Test]
    public void A_repeated_name_after_the_index_is_built_replaces_its_value_once()
    {
        // The index is built when the ninth name arrives; a name first seen after that must be found in it too.
        var json = new StringBuilder("{\"r\":{");
        for (var i = 0; i < 12; i++)
        {
            json.Append("\"p").Append(i).Append("\":").Append(i).Append(',');
        }

        var read = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>(json.Append("\"p11\":111}}").ToString())!["r"];
        Assert.That((read.AdditionalProperties!.Count, read.AdditionalProperties["p11"].GetInt32()), Is.EqualTo((12, 111)));
    }

    [TestCase("a-b_09azAZ", ".a-b_09azAZ")]
    [TestCase("a.b", "['a.b']")]
    [TestCase("it's", "['it\\'s']")]
    [TestCase("", "['']")]
    [TestCase("/", "['/']")]
    [TestCase(":", "[':']")]
    [TestCase("@", "['@']")]
    [TestCase("[", "['[']")]
    [TestCase("`", "['`']")]
    [TestCase("{", "['{']")]
    [TestCase("é", "['é']")]
    public void Path_steps_are_plain_only_for_plain_words(string name, string step) =>
        Assert.That(JsonPath.Member(name), Is.EqualTo(step));

    [Test]
    public void A_serializer_message_keeps_its_text_without_its_own_path_suffix()
    {
        var error = WireReadException.ToValidationError(new JsonException("The JSON value could not be converted to X. Path: $.a | LineNumber: 0 | BytePositionInLine: 5.", "$.a", 0, 5));
        Assert.That((error.Path, error.Message), Is.EqualTo(("a", "the value has the wrong JSON kind (The JSON value could not be converted to X.)")));
        var plain = WireReadException.ToValidationError(new JsonException("no suffix here"));
        Assert.That((plain.Path, plain.Message), Is.EqualTo(("$", "the value has the wrong JSON kind (no suffix here)")));
    }

    [Test]
    public void Every_kind_of_token_is_named()
    {
        Assert.That(WireReadException.Expected("x", JsonTokenType.None).Message, Is.EqualTo("expected x, found nothing"));
        Assert.That(WireReadException.Expected("x", JsonTokenType.False).Message, Is.EqualTo("expected x, found a boolean"));
    }

    [Test]
    public void Localized_text_of_another_kind_names_both_forms() =>
        Assert.That(
            Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"user-questionnaire","key":"q","title":5}]}"""))!.Errors.Single(),
            Is.EqualTo(new ValidationError("steps[0].title", "expected an object of language codes to text, found a number")));

    [Test]
    public void Missing_values_are_found_in_every_kind_of_list()
    {
        var request = new SessionRequest
        {
            Steps =
            [
                new LanguageStep { Key = "l", Flags = new LanguageFlags { Languages = [LanguageCode.English, default] } },
                new ProofOfAddressStep { Key = "p", Flags = new ProofOfAddressFlags { GeneralDocumentTypes = [default] } },
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentCountries = [null!] } },
                new UserQuestionnaireStep
                {
                    Key = "q",
                    Title = new LocalizedText("en", "Q"),
                    Questions = [new FileQuestion { Key = "f", Title = new LocalizedText("en", "F"), FileTypes = [FileType.Pdf, default] }],
                },
            ],
        };

        Assert.That(
            request.Validate().Where(e => e.Message.StartsWith("has no value", StringComparison.Ordinal)).Select(e => e.Path),
            Is.EqualTo(new[] { "steps[0].flags.languages[1]", "steps[1].flags.general_document_types[0]", "steps[2].flags.document_countries[0]", "steps[3].questions[0].fileTypes[1]" }));
    }

    [Test]
    public void A_null_item_is_reported_once_as_missing_not_again_by_the_check_of_its_content()
    {
        var request = new SessionRequest
        {
            Steps =
            [
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentCountries = ["USA", null!] } },
                new UserQuestionnaireStep
                {
                    Key = "q",
                    Title = new LocalizedText("en", "Q"),
                    Questions = [new MultipleChoiceQuestion { Key = "m", Title = new LocalizedText("en", "M"), Options = [new QuestionOption("a", "A")], Answer = ["a", null!] }],
                },
            ],
        };

        Assert.That(
            request.Validate().Select(e => (e.Path, e.Message)),
            Is.EqualTo(new[]
            {
                ("steps[0].flags.document_countries[1]", "has no value (null or a default value)"),
                ("steps[1].questions[0].answer[1]", "has no value (null or a default value)"),
            }));
    }

    /// <summary>A list of pairs that allows a null name, which a dictionary cannot hold.</summary>
    private sealed class ListDictionary(IEnumerable<KeyValuePair<string, JsonElement>> items) : IReadOnlyDictionary<string, JsonElement>
    {
        private readonly List<KeyValuePair<string, JsonElement>> _items = items.ToList();

        public int Count => _items.Count;

        public IEnumerable<string> Keys => _items.Select(i => i.Key);

        public IEnumerable<JsonElement> Values => _items.Select(i => i.Value);

        public JsonElement this[string key] => throw new KeyNotFoundException();

        public bool ContainsKey(string key) => false;

        public bool TryGetValue(string key, out JsonElement value)
        {
            value = default;
            return false;
        }

        public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
