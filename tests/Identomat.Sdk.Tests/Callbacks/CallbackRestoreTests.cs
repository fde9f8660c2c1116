using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Callbacks;

/// <summary>
/// <see cref="IdentomatCallback.Restore"/>: a stored callback comes back as the same type with the same values and key,
/// without its callback key (which may have rotated since), and a stored payload that the parser could not have
/// produced is refused as malformed.
/// </summary>
public class CallbackRestoreTests
{
    private static readonly IdentomatCallbackParser Parser = new(["old-key"], "company-key");

    [Test]
    public void A_stored_callback_comes_back_as_the_same_type_values_and_key_without_authentication()
    {
        var parsed = Parser.Parse("{\"callbackApiKey\":\"old-key\",\"type\":\"one-time-password-request\",\"sessionId\":\"s1\",\"phoneNumber\":\"+995\",\"text\":\"Code 1\"}");

        var restored = IdentomatCallback.Restore(parsed.Raw.GetRawText(), parsed.DeduplicationKey);

        Assert.That(restored, Is.TypeOf<OneTimePasswordRequestCallback>());
        var otp = (OneTimePasswordRequestCallback)restored;
        Assert.That((otp.Type, otp.SessionId, otp.PhoneNumber, otp.Text), Is.EqualTo(("one-time-password-request", "s1", "+995", "Code 1")));
        Assert.That(otp.DeduplicationKey, Is.EqualTo(parsed.DeduplicationKey));
        Assert.That(otp.Raw.GetRawText(), Is.EqualTo(parsed.Raw.GetRawText()));
    }

    [Test]
    public void An_unknown_type_comes_back_unknown()
    {
        var parsed = Parser.Parse("{\"callbackApiKey\":\"old-key\",\"type\":\"new-kind\",\"x\":1}");
        var restored = IdentomatCallback.Restore(parsed.Raw.GetRawText(), parsed.DeduplicationKey);
        Assert.That(restored, Is.TypeOf<UnknownCallback>());
        Assert.That(restored.Type, Is.EqualTo("new-kind"));
    }

    private static readonly string Key = new('a', 64);

    [TestCase("", "empty")]
    [TestCase("[1]", "not a JSON object")]
    [TestCase("\"text\"", "not a JSON object")]
    [TestCase("{\"type\":", "refused")]
    [TestCase("{\"type\":\"a\",\"type\":\"b\"}", "refused")]
    [TestCase("{\"callbackApiKey\":\"k\",\"type\":\"a\"}", "holds a callbackApiKey")]
    [TestCase("{\"type\":\"\\ud800\"}", "refused")]
    public void A_payload_the_parser_could_not_have_stored_is_malformed(string payload, string says)
    {
        var refused = Assert.Throws<IdentomatCallbackException>(() => IdentomatCallback.Restore(payload, Key))!;
        Assert.That(refused.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.That(refused.Message, Does.Contain(says));
        Assert.That(refused.Message, Does.Not.Contain("\"k\""), "never the stored text");
    }

    [Test]
    public void Deep_huge_and_invalid_text_payloads_are_malformed_not_crashes()
    {
        Assert.That(() => IdentomatCallback.Restore(new string('[', 65) + new string(']', 65), Key), Throws.TypeOf<IdentomatCallbackException>());
        Assert.That(() => IdentomatCallback.Restore("{\"x\":\"" + new string('y', 6 * IdentomatCallbackParser.MaxBodyBytes) + "\"}", Key), Throws.TypeOf<IdentomatCallbackException>());
        Assert.That(() => IdentomatCallback.Restore("{\"x\":\"" + '\ud800' + "\"}", Key), Throws.TypeOf<IdentomatCallbackException>().With.Message.Contain("lone surrogate"));
    }

    [Test]
    public void The_largest_accepted_body_comes_back_although_its_stored_form_is_escaped_larger()
    {
        // Every '+' of a body is written back as \u002B: a body under the limit is stored at up to six times its size.
        var body = "{\"callbackApiKey\":\"old-key\",\"type\":\"one-time-password-request\",\"text\":\"" + new string('+', IdentomatCallbackParser.MaxBodyBytes - 100) + "\"}";
        var parsed = Parser.Parse(body);
        Assert.That(parsed.Raw.GetRawText().Length, Is.GreaterThan(5 * IdentomatCallbackParser.MaxBodyBytes));

        var restored = (OneTimePasswordRequestCallback)IdentomatCallback.Restore(parsed.Raw.GetRawText(), parsed.DeduplicationKey);

        Assert.That(restored.Text, Has.Length.EqualTo(IdentomatCallbackParser.MaxBodyBytes - 100));
    }

    [TestCase("")]
    [TestCase("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [TestCase("0123")]
    [TestCase("g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_key_that_no_callback_could_have_is_refused(string key) =>
        Assert.That(
            Assert.Throws<IdentomatCallbackException>(() => IdentomatCallback.Restore("{\"type\":\"a\"}", key))!.Message,
            Is.EqualTo("The stored de-duplication key is not 64 lower-case hex digits."));

    [Test]
    public void Null_arguments_are_argument_errors()
    {
        Assert.That(() => IdentomatCallback.Restore(null!, Key), Throws.ArgumentNullException);
        Assert.That(() => IdentomatCallback.Restore("{}", null!), Throws.ArgumentNullException);
    }
}
