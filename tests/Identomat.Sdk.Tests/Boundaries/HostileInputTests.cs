using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>Hostile JSON at every parser: callbacks, results read back, flows read from configuration.</summary>
public class HostileInputTests
{
    private const string Key = "cb_HOSTILE_key_91";
    private static readonly IdentomatCallbackParser Callbacks = new([Key], "ck_dedup_secret");

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is byte[] b ? b : Encoding.UTF8.GetBytes((string)p)).ToArray();

    // Row 2: every callback input ends in a value or an IdentomatCallbackException, refused for the right reason.
    private static IEnumerable<TestCaseData> ForgedCallbacks()
    {
        static TestCaseData Case(string name, byte[] body, IdentomatCallbackError error) => new TestCaseData(body, error).SetArgDisplayNames(name);

        yield return Case("lone surrogate key", Bytes("{\"callbackApiKey\":\"\\ud800\"}"), IdentomatCallbackError.Malformed);
        yield return Case("lone low surrogate key", Bytes("{\"callbackApiKey\":\"\\udc00x\"}"), IdentomatCallbackError.Malformed);
        yield return Case("lone surrogate type", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"type\":\"\\ud83d\"}}"), IdentomatCallbackError.Malformed);
        yield return Case("lone surrogate name", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"\\udfff\":1}}"), IdentomatCallbackError.Malformed);
        yield return Case("invalid UTF-8 key", Bytes("{\"callbackApiKey\":\"", new byte[] { 0xFF, 0xFE }, "\"}"), IdentomatCallbackError.Malformed);
        yield return Case("overlong slash in key", Bytes("{\"callbackApiKey\":\"", new byte[] { 0xC0, 0xAF }, "\"}"), IdentomatCallbackError.Malformed);
        yield return Case("overlong in name", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"", new byte[] { 0xE0, 0x80, 0xAF }, "\":1}"), IdentomatCallbackError.Malformed);
        yield return Case("encoded surrogate in type", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"type\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"}"), IdentomatCallbackError.Malformed);
        yield return Case("truncated", Bytes($"{{\"callbackApiKey\":\"{Key}\""), IdentomatCallbackError.Malformed);
        yield return Case("deep", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"), IdentomatCallbackError.Malformed);
        yield return Case("wrong then right key", Bytes($"{{\"callbackApiKey\":\"wrong\",\"callbackApiKey\":\"{Key}\"}}"), IdentomatCallbackError.Malformed);
        yield return Case("right then wrong key", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"callbackApiKey\":\"wrong\"}}"), IdentomatCallbackError.Malformed);
        yield return Case("duplicate nested", Bytes($"{{\"callbackApiKey\":\"{Key}\",\"o\":{{\"a\":1,\"a\":2}}}}"), IdentomatCallbackError.Malformed);
        yield return Case("array root", Bytes($"[{{\"callbackApiKey\":\"{Key}\"}}]"), IdentomatCallbackError.Malformed);
        yield return Case("string root", Bytes("\"x\""), IdentomatCallbackError.Malformed);
        yield return Case("empty", [], IdentomatCallbackError.Malformed);
        yield return Case("key is a number", Bytes("{\"callbackApiKey\":1}"), IdentomatCallbackError.WrongKey);
        yield return Case("key nested only", Bytes($"{{\"o\":{{\"callbackApiKey\":\"{Key}\"}}}}"), IdentomatCallbackError.WrongKey);
        yield return Case("key prefix", Bytes($"{{\"callbackApiKey\":\"{Key.Substring(0, 5)}\"}}"), IdentomatCallbackError.WrongKey);
        yield return Case("key with NUL suffix", Bytes($"{{\"callbackApiKey\":\"{Key}\\u0000\"}}"), IdentomatCallbackError.WrongKey);
    }

    [TestCaseSource(nameof(ForgedCallbacks))]
    public void Forged_callbacks_are_refused_by_every_overload(byte[] body, IdentomatCallbackError error)
    {
        var fromBytes = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(body));
        var fromStream = Assert.ThrowsAsync<IdentomatCallbackException>(() => Callbacks.ParseAsync(new MemoryStream(body)));

        Assert.That((fromBytes!.Error, fromStream!.Error), Is.EqualTo((error, error)));
        Assert.That(fromBytes.Message, Does.Not.Contain(Key));
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return;
        }

        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(text))!.Error, Is.EqualTo(error));
    }

    [Test]
    public void A_string_with_a_lone_surrogate_char_is_malformed() =>
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse($"{{\"callbackApiKey\":\"{Key}\",\"text\":\"\ud800\"}}"))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));

    [Test]
    public void The_size_cap_applies_to_every_overload()
    {
        var huge = $"{{\"callbackApiKey\":\"{Key}\",\"pad\":\"{new string('x', IdentomatCallbackParser.MaxBodyBytes)}\"}}";
        var bytes = Encoding.UTF8.GetBytes(huge);

        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(huge))!.Message, Does.Contain("larger than"));
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(bytes))!.Message, Does.Contain("larger than"));
        Assert.That(Assert.ThrowsAsync<IdentomatCallbackException>(() => Callbacks.ParseAsync(new MemoryStream(bytes)))!.Message, Does.Contain("larger than"));

        // Multi-byte text under the char count but over the byte count.
        var georgian = $"{{\"callbackApiKey\":\"{Key}\",\"pad\":\"{new string('ა', (IdentomatCallbackParser.MaxBodyBytes / 3) + 10)}\"}}";
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(georgian))!.Message, Does.Contain("larger than"));
    }

    [Test]
    public void A_UTF8_byte_order_mark_is_accepted()
    {
        var body = Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, $"{{\"callbackApiKey\":\"{Key}\",\"type\":\"one-time-password-request\",\"text\":\"1234\"}}");

        Assert.That(((OneTimePasswordRequestCallback)Callbacks.Parse(body)).Text, Is.EqualTo("1234"));
    }

    [Test]
    public void The_deduplication_key_is_an_HMAC_of_the_callbacks_meaning_under_the_deduplication_secret()
    {
        var body = $"{{\"callbackApiKey\":\"{Key}\",\"type\":\"one-time-password-request\",\"phoneNumber\":\"+995599000111\",\"text\":\"1234\"}}";
        var other = body.Replace("1234", "1235", StringComparison.Ordinal);
        var rotating = new IdentomatCallbackParser(["cb_new_key_2027", Key], "ck_dedup_secret");
        const string Meaning = "[\"identomat-callback/known/1\",\"one-time-password-request\",null,\"+995599000111\",null,\"1234\",null]";

        var first = Callbacks.Parse(body).DeduplicationKey;

        Assert.That(first, Is.EqualTo(Convert.ToHexStringLower(HMACSHA256.HashData("ck_dedup_secret"u8, Encoding.UTF8.GetBytes(Meaning)))));
        Assert.That(Callbacks.Parse(body).DeduplicationKey, Is.EqualTo(first), "a replay has the same key");
        Assert.That(Callbacks.Parse(other).DeduplicationKey, Is.Not.EqualTo(first));
        Assert.That(first, Is.Not.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))), "not a plain hash");
        Assert.That(rotating.Parse(body).DeduplicationKey, Is.EqualTo(first), "the callback key does not take part");
        Assert.That(rotating.Parse(body.Replace(Key, "cb_new_key_2027", StringComparison.Ordinal)).DeduplicationKey, Is.EqualTo(first), "the same callback under the new key");
    }

    // Row 4: a result the SDK accepts is always writable, every accessor total.
    private static IEnumerable<TestCaseData> HostileResults()
    {
        static TestCaseData Case(string name, byte[] body) => new TestCaseData(body).SetArgDisplayNames(name);

        yield return Case("similarity 1e400", Bytes("{\"result\":\"approved\",\"similarity\":1e400}"));
        yield return Case("similarity -1e400", Bytes("{\"similarity\":-1e400,\"screeningMatches\":[{\"score\":1e999}]}"));
        yield return Case("similarity NaN", Bytes("{\"similarity\":\"NaN\"}"));
        yield return Case("similarity Infinity", Bytes("{\"similarity\":\"Infinity\",\"generalDocuments\":[{\"latitude\":\"-Infinity\"}]}"));
        yield return Case("lone surrogate unknown field", Bytes("{\"result\":\"approved\",\"extra\":\"\\ud800\",\"\\udc00\":[\"\\ud800\\ud800\"]}"));
        yield return Case("lone surrogate OCR", Bytes("{\"id_card_front\":{\"Given_Names_en_US\":\"\\ud800\",\"\\udbff\":\"x\"}}"));
        yield return Case("lone surrogate trusted record", Bytes("{\"trustedDatabaseRecord\":{\"name\":\"\\udfff\"}}"));
        yield return Case("lone surrogate answers", Bytes("{\"questionnaires\":[{\"key\":\"q\",\"questions\":[{\"key\":\"a\",\"answer\":\"\\ud800\"},{\"key\":\"b\",\"answer\":[\"\\ud800\",\"ok\"]},{\"key\":\"c\",\"answer\":{\"en\":\"\\ud800\",\"\\ud801\":\"x\"}}]}]}"));
        yield return Case("lone surrogate typed", Bytes("{\"result\":\"\\ud800\",\"name\":\"\\udc00\",\"person\":{\"firstName\":\"\\ud800\"}}"));
        yield return Case("high then escaped high", Bytes("{\"name\":\"\\ud800\\ud800\\udc00\"}"));
        yield return Case("invalid UTF-8 values", Bytes("{\"name\":\"", new byte[] { 0xFF, 0xC0, 0xAF }, "\",\"id_card_front\":{\"", new byte[] { 0xED, 0xA0, 0x80 }, "\":\"", new byte[] { 0xF8 }, "\"}}"));
        yield return Case("duplicate keys in open map", Bytes("{\"id_card_front\":{\"mrz\":\"a\",\"x\":1,\"mrz\":\"b\"},\"suggested\":{\"k\":1,\"k\":2}}"));
        yield return Case("duplicate unknown fields", Bytes("{\"extra\":1,\"extra\":2,\"result\":\"approved\",\"result\":\"rejected\"}"));
        yield return Case("byte order mark", Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, "{\"result\":\"approved\"}"));
        yield return Case("wrong kinds", Bytes("{\"result\":1,\"similarity\":{},\"live\":\"maybe\",\"id_card_front\":\"x\",\"face_images\":1e10}"));
    }

    [TestCase("{\"result\":")]
    [TestCase("[]")]
    [TestCase("{\"a\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]" + "}")]
    public void Results_that_cannot_be_read_are_a_typed_error_naming_no_content(string body)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Assert.That(ex!.Message, Does.StartWith("Identomat result: expected a result object"));
        Assert.That(ex.ResponseBodyExcerpt, Is.Null);
    }

    [TestCaseSource(nameof(HostileResults))]
    public async Task Hostile_results_are_read_totally_and_written_back(byte[] body)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, body));
        using var client = handler.Client();

        var result = await client.GetResultAsync(Hostile.Token);

        Touch(result);
        var json = result.ToJson();
        var again = VerificationResult.FromJson(json);
        Touch(again);
        Assert.That(again.ToJson(), Is.EqualTo(json), "what is written reads back the same");
        Assert.That(result.Similarity is null or (>= double.MinValue and <= double.MaxValue), Is.True);
    }

    [Test]
    public void Nested_values_of_the_wrong_kind_read_as_null_not_as_an_unreadable_result()
    {
        var result = VerificationResult.FromJson("""{"result":"approved","person":[],"questionnaires":{},"reject_reason":"","technicalDetails":[],"configId":12345,"name":{"a":1},"generalDocuments":[1,{"pages":"x"},{"typeId":"ok","pages":[{"statuses":["a",2,null],"final":[]}]}]}""");

        Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
        Assert.That((result.Person, result.Questionnaires, result.RejectReason, result.TechnicalDetails, result.ConfigId, result.Name), Is.EqualTo(((Person?)null, (IReadOnlyList<QuestionnaireAnswers>?)null, (RejectReason?)null, (TechnicalDetails?)null, (string?)null, (string?)null)));
        Assert.That(result.GeneralDocuments!.Select(d => d.TypeId), Is.EqualTo(new[] { null, "ok" }), "items of the wrong kind are left out");
        Assert.That(result.GeneralDocuments![1].Pages![0].Statuses, Is.EqualTo(new[] { "a" }));
        Assert.That(result.GeneralDocuments![1].Pages![0].Final, Is.Null);
    }

    [Test]
    public void Repairs_are_documented_values()
    {
        var result = VerificationResult.FromJson("{\"similarity\":1e400,\"name\":\"a\\ud800b\",\"id_card_front\":{\"mrz\":\"a\",\"mrz\":\"b\"},\"extra\":\"\\udc00\"}");

        Assert.That(result.Similarity, Is.Null, "non-finite reads as null");
        Assert.That(result.Name, Is.EqualTo("a\uFFFDb"), "a lone surrogate reads as U+FFFD");
        Assert.That(result.IdCardFront!["mrz"].GetString(), Is.EqualTo("b"), "the last of a repeated key wins");
        Assert.That(result.IdCardFront.Count, Is.EqualTo(1));
        Assert.That(new Dictionary<string, JsonElement>(result.IdCardFront).Keys, Is.EqualTo(new[] { "mrz" }));
        Assert.That(result.AdditionalProperties["extra"].GetString(), Is.EqualTo("\uFFFD"));
    }

    private static void Touch(VerificationResult result)
    {
        _ = (result.Status?.Value, result.Name, result.Person?.FirstName, result.Person?.DateOfBirth, result.ToString());
        foreach (var map in new[] { result.IdCardFront, result.IdCardBack, result.Suggested, result.AdditionalProperties })
        {
            if (map is not null)
            {
                _ = new Dictionary<string, JsonElement>(map);
                foreach (var value in map.Values)
                {
                    _ = value.ToString();
                }
            }
        }

        _ = result.TrustedDatabaseRecord?.GetRawText();
        foreach (var answer in result.Questionnaires?.SelectMany(q => q.Questions ?? []) ?? [])
        {
            _ = (answer.Text, answer.Values, answer.Boolean, answer.Localized?.ToList());
        }
    }

    // Row 5: flows read from JSON refuse invalid text with the path, as IdentomatValidationException.
    [TestCase("{\"name\":\"\\ud800\"}", "name")]
    [TestCase("{\"flags\":{\"\\ud800\":true}}", "flags")]
    [TestCase("{\"steps\":[{\"type\":\"liveness\"},{\"type\":\"\\udc00\"}]}", "steps[1].type")]
    [TestCase("{\"steps\":[{\"type\":\"user-questionnaire\",\"key\":\"q\",\"title\":{\"\\ud800\":\"x\"}}]}", "steps[0].title")]
    [TestCase("{\"steps\":[{\"type\":\"user-questionnaire\",\"key\":\"q\",\"title\":{\"en\":\"\\ud800\"}}]}", "steps[0].title.en")]
    [TestCase("{\"name\":\"a\",\"name\":\"b\"}", "name")]
    [TestCase("{\"steps\":[{\"type\":\"liveness\",\"flags\":{\"x\":1,\"x\":1}}]}", "steps[0].flags.x")]
    public void Flows_with_invalid_text_or_repeated_names_are_validation_errors_with_a_path(string json, string path)
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson(json));

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo(path));
    }

    [Test]
    public void A_flow_string_with_a_lone_surrogate_char_is_a_validation_error() =>
        Assert.That(Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("{\"name\":\"\ud800\"}"))!.Errors.Single().Message, Does.Contain("surrogate"));

    [Test]
    public void A_deep_flow_is_a_validation_error() =>
        Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"));
}
