using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk.Callbacks;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Tests.Callbacks;

/// <summary>The parser's refusals in its own words, and the exact form a callback's meaning takes before it is keyed.</summary>
public class CallbackParsingTests
{
    private static readonly IdentomatCallbackParser Parser = new(["cb"], "secret");

    [TestCase("null")]
    [TestCase("[1]")]
    [TestCase("\"cb\"")]
    public void A_body_that_is_not_an_object_says_so(string body) =>
        Assert.That(
            Assert.Throws<IdentomatCallbackException>(() => Parser.Parse(body))!.Message,
            Is.EqualTo("The callback body is not a JSON object."));

    [Test]
    public void A_key_listed_twice_is_still_accepted() =>
        Assert.That(new IdentomatCallbackParser(["cb", "cb"], "secret").Parse("{\"callbackApiKey\":\"cb\",\"type\":\"x\"}").Type, Is.EqualTo("x"));

    [Test]
    public void A_blank_deduplication_secret_names_what_to_give() =>
        Assert.That(() => new IdentomatCallbackParser(["cb"], ""), Throws.ArgumentException.With.Message.StartWith("The de-duplication secret is required (the account's company key)."));

    private static string CanonicalOf(string payload, bool known)
    {
        var raw = JsonDocument.Parse(payload).RootElement;
        var fields = CallbackFields.Of(raw);
        return Encoding.UTF8.GetString(CallbackDeduplication.Canonical(fields, raw, known));
    }

    [Test]
    public void A_known_callbacks_meaning_is_its_type_session_address_text_and_link_in_that_order() =>
        Assert.That(
            CanonicalOf("""{"text":"Code 1+2","extra":1,"type":"one-time-password-request","phoneNumber":"+9955","sessionId":"s","email":"a@b","sessionLink":"https://l/"}""", known: true),
            Is.EqualTo("""["identomat-callback/known/1","one-time-password-request","s","+9955","a@b","Code 1+2","https://l/"]"""));

    [Test]
    public void An_unknown_callbacks_meaning_is_its_whole_payload_sorted_and_normalized() =>
        Assert.That(
            CanonicalOf("""{"z":[2.50,1e2,-0,"\u0061"],"a":{"y":true,"b":null},"m":12345678901234567890123456789012}""", known: false),
            Is.EqualTo("""["identomat-callback/unknown/1",{"a":{"b":null,"y":true},"m":1.2345678901234567E+31,"z":[2.5,100,0,"a"]}]"""));

    [Test]
    public void The_key_is_the_HMAC_of_the_meaning_under_the_secret()
    {
        const string Body = """{"callbackApiKey":"cb","type":"status","sessionId":"s"}""";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("secret"u8, Encoding.UTF8.GetBytes("""["identomat-callback/unknown/1",{"sessionId":"s","type":"status"}]""")));

        Assert.That(Parser.Parse(Body).DeduplicationKey, Is.EqualTo(expected));
    }
}
