using System.Text;
using Identomat.Sdk;

namespace Identomat.Sdk.Tests.Client;

public class CallbackTests
{
    private const string Key = "cb_key_5d2e9a";
    private static readonly IdentomatCallbackParser Parser = new([Key], "ck_dedup_secret");

    [Test]
    public void One_time_password_request_is_typed()
    {
        var callback = Parser.Parse($$"""{"callbackApiKey":"{{Key}}","type":"one-time-password-request","sessionId":"s1","text":"Your code is 1234","phoneNumber":"+995599000111"}""");

        var otp = (OneTimePasswordRequestCallback)callback;
        Assert.That((otp.SessionId, otp.Text, otp.PhoneNumber), Is.EqualTo(("s1", "Your code is 1234", "+995599000111")));
        Assert.That(otp.Raw.TryGetProperty("callbackApiKey", out _), Is.False, "the key is not kept");
        Assert.That(otp.ToString(), Does.Not.Contain("1234").And.Not.Contain("+995"));
    }

    [Test]
    public void Share_session_link_callbacks_are_typed()
    {
        var sms = (ShareSessionLinkViaSmsCallback)Parser.Parse($$"""{"callbackApiKey":"{{Key}}","type":"share-session-link-via-sms","sessionId":"s","text":"t","phoneNumber":"+1","sessionLink":"https://w/?session_token=x"}""");
        var email = (ShareSessionLinkViaEmailCallback)Parser.Parse($$"""{"callbackApiKey":"{{Key}}","type":"share-session-link-via-email","sessionId":"s","text":"t","emailAddress":"a@b.c","sessionLink":"l"}""");
        var emailOtp = (EmailOneTimePasswordRequestCallback)Parser.Parse($$"""{"callbackApiKey":"{{Key}}","type":"email-one-time-password-request","email":"a@b.c","text":"code"}""");

        Assert.That(sms.SessionLink, Is.EqualTo("https://w/?session_token=x"));
        Assert.That(email.Email, Is.EqualTo("a@b.c"));
        Assert.That(emailOtp.Email, Is.EqualTo("a@b.c"));
    }

    [Test]
    public void Unknown_event_keeps_the_raw_json()
    {
        var callback = Parser.Parse($$$"""{"callbackApiKey":"{{{Key}}}","type":"session-status-changed","sessionId":"s9","status":{"value":"approved"}}""");

        Assert.That(callback, Is.TypeOf<UnknownCallback>());
        Assert.That(callback.Type, Is.EqualTo("session-status-changed"));
        Assert.That(callback.Raw.GetProperty("status").GetProperty("value").GetString(), Is.EqualTo("approved"));
    }

    [TestCase("""{"callbackApiKey":"wrong","type":"x"}""")]
    [TestCase("""{"callbackApiKey":"cb_key_5d2e9","type":"x"}""")]
    [TestCase("""{"type":"x"}""")]
    [TestCase("""{"callbackApiKey":123,"type":"x"}""")]
    public void Wrong_or_missing_key_is_refused(string body)
    {
        var ex = Assert.Throws<IdentomatCallbackException>(() => Parser.Parse(body));
        Assert.That(ex!.Error, Is.EqualTo(IdentomatCallbackError.WrongKey));
        Assert.That(ex.Message, Does.Not.Contain(Key));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("")]
    public void Malformed_body_is_refused(string body) =>
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => Parser.Parse(body))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));

    [Test]
    public async Task Parses_from_a_request_stream()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"callbackApiKey":"{{Key}}","type":"one-time-password-request"}"""));
        Assert.That(await Parser.ParseAsync(body), Is.TypeOf<OneTimePasswordRequestCallback>());
    }

    [Test]
    public void Parser_never_prints_its_key() => Assert.That(Parser.ToString(), Does.Not.Contain(Key));
}
