using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Callbacks;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Serialization;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;

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
        return Encoding.UTF8.GetString(CallbackDeduplication.Canonical(raw, known));
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
            Is.EqualTo("""["identomat-callback/unknown/1",{"a":{"b":null,"y":true},"m":12345678901234567890123456789012e0,"z":[2.5,100,0,"a"]}]"""));

    [Test]
    public void The_key_is_the_HMAC_of_the_meaning_under_the_secret()
    {
        const string Body = """{"callbackApiKey":"cb","type":"status","sessionId":"s"}""";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("secret"u8, Encoding.UTF8.GetBytes("""["identomat-callback/unknown/1",{"sessionId":"s","type":"status"}]""")));

        Assert.That(Parser.Parse(Body).DeduplicationKey, Is.EqualTo(expected));
    }

    private const string CallbackKey = "cb_PARSER_k3y_7f1a";

    private static readonly IdentomatCallbackParser Callbacks = new([CallbackKey], "ck_dedup_secret");

    [Test]
    public void A_null_key_list_is_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => _ = new IdentomatCallbackParser((IEnumerable<string>)null!, "ck_dedup_secret"));

        Assert.That(ex!.ParamName, Is.EqualTo("callbackApiKeys"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    public void A_blank_key_is_refused_alone_or_among_valid_keys(string blank)
    {
        var alone = Assert.Throws<ArgumentException>(() => _ = new IdentomatCallbackParser([blank], "ck_dedup_secret"));
        var among = Assert.Throws<ArgumentException>(() => _ = new IdentomatCallbackParser(new[] { CallbackKey, blank }, "ck_dedup_secret"));

        Assert.That(alone!.ParamName, Is.EqualTo("callbackApiKeys"));
        Assert.That(alone.Message, Does.Contain("blank"));
        Assert.That(among!.Message, Does.Contain("blank"));
    }

    [Test]
    public void An_empty_key_list_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new IdentomatCallbackParser(Array.Empty<string>(), "ck_dedup_secret"));

        Assert.That(ex!.ParamName, Is.EqualTo("callbackApiKeys"));
        Assert.That(ex.Message, Does.Contain("required"));
    }

    [Test]
    public async Task A_body_of_exactly_the_limit_is_accepted_by_every_overload()
    {
        var text = Padded(IdentomatCallbackParser.MaxBodyBytes);
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.That(bytes, Has.Length.EqualTo(IdentomatCallbackParser.MaxBodyBytes));

        using var stream = new MemoryStream(bytes);
        var fromBytes = Callbacks.Parse(bytes);
        var fromText = Callbacks.Parse(text);
        var fromStream = await Callbacks.ParseAsync(stream);

        Assert.That(new[] { fromBytes.Type, fromText.Type, fromStream.Type }, Has.All.EqualTo("limit-test"));
        Assert.That(fromText.DeduplicationKey, Is.EqualTo(fromBytes.DeduplicationKey).And.EqualTo(fromStream.DeduplicationKey));
    }

    [Test]
    public void A_body_one_byte_over_the_limit_is_refused_by_every_overload()
    {
        var text = Padded(IdentomatCallbackParser.MaxBodyBytes + 1);
        var bytes = Encoding.UTF8.GetBytes(text);
        using var stream = new MemoryStream(bytes);

        var refused = new[]
        {
            Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(bytes)),
            Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(text)),
            Assert.ThrowsAsync<IdentomatCallbackException>(() => Callbacks.ParseAsync(stream)),
        };

        foreach (var ex in refused)
        {
            Assert.That(ex!.Error, Is.EqualTo(IdentomatCallbackError.TooLarge));
            Assert.That(ex.StatusCode, Is.EqualTo(413));
            Assert.That(ex.Message, Does.Contain("larger than 1048576 bytes"));
        }
    }

    [Test]
    public void An_endless_body_stream_is_refused_at_the_first_read_past_the_limit()
    {
        const int piece = 1000;
        using var endless = new CountingStream(limit: 8 * IdentomatCallbackParser.MaxBodyBytes, piece);

        var ex = Assert.ThrowsAsync<IdentomatCallbackException>(() => Callbacks.ParseAsync(endless));

        Assert.That(ex!.Message, Does.Contain("larger than"));
        Assert.That(endless.Served, Is.GreaterThan(IdentomatCallbackParser.MaxBodyBytes).And.AtMost(IdentomatCallbackParser.MaxBodyBytes + piece), "not one read more than needed to see the limit crossed");
    }

    [Test]
    public async Task Parsing_a_stream_never_resumes_on_the_callers_synchronization_context()
    {
        using var body = new SlowStream(Encoding.UTF8.GetBytes($$"""{"callbackApiKey":"{{CallbackKey}}","type":"x"}"""));

        var (parse, posts) = RecordingContext.Run(() => Callbacks.ParseAsync(body));

        Assert.That((await parse).Type, Is.EqualTo("x"));
        Assert.That(Volatile.Read(ref posts.Value), Is.Zero, "a caller blocking on ParseAsync under a single-threaded context must not deadlock");
    }

    [Test]
    public void An_oversized_string_is_refused_for_its_size_before_it_is_encoded()
    {
        var oversized = "\uD800" + new string(' ', IdentomatCallbackParser.MaxBodyBytes);
        var small = $$"""{"callbackApiKey":"{{CallbackKey}}","type":"x","text":"{{"\uD800"}}"}""";

        var tooLarge = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(oversized));
        var surrogate = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse(small));

        Assert.That(tooLarge!.Message, Does.Contain("larger than"));
        Assert.That(surrogate!.Message, Does.Contain("lone surrogate"));
        Assert.That(surrogate.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.That(surrogate.InnerException, Is.InstanceOf<EncoderFallbackException>());
    }

    [Test]
    public void Null_bodies_are_refused_by_name()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => Callbacks.Parse((string)null!))!.ParamName, Is.EqualTo("body"));
        Assert.That(Assert.ThrowsAsync<ArgumentNullException>(() => Callbacks.ParseAsync(null!))!.ParamName, Is.EqualTo("body"));
    }

    [Test]
    public void A_refused_body_says_why_but_not_where()
    {
        var duplicate = Assert.Throws<IdentomatCallbackException>(() =>
            Callbacks.Parse($$$"""{"callbackApiKey":"{{{CallbackKey}}}","type":"x","nested":{"privateName":1,"privateName":2}}"""));
        var notObject = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse("[1,2]"));

        Assert.That(duplicate!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.That(duplicate.Message, Is.EqualTo("The callback body is refused: this property appears more than once in its object."));
        Assert.That(duplicate.Message, Does.Not.Contain("privateName"), "the path is made of the sender's names");
        Assert.That(notObject!.Message, Does.Contain("not a JSON object"));
    }

    [Test]
    public void A_missing_key_and_a_wrong_key_are_told_apart()
    {
        var missing = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse("""{"type":"x","callbackApiKey":null}"""));
        var wrong = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse("""{"type":"x","callbackApiKey":"cb_PARSER_k3y_7f1b"}"""));

        Assert.That((missing!.Error, wrong!.Error), Is.EqualTo((IdentomatCallbackError.WrongKey, IdentomatCallbackError.WrongKey)));
        Assert.That(missing.Message, Does.Contain("carries no callbackApiKey string"));
        Assert.That(wrong.Message, Does.Contain("callbackApiKey is wrong"));
        Assert.That(missing.Message + wrong.Message, Does.Not.Contain(CallbackKey));
    }

    [Test]
    public void The_parser_prints_its_type_and_never_its_key()
    {
        var text = Callbacks.ToString();

        Assert.That(text, Does.StartWith(nameof(IdentomatCallbackParser)));
        Assert.That(text, Does.Not.Contain(CallbackKey));
    }

    [Test]
    public void A_callback_without_a_type_is_unknown_with_an_empty_type()
    {
        var callback = Callbacks.Parse($$"""{"callbackApiKey":"{{CallbackKey}}","sessionId":"s1"}""");

        Assert.That(callback, Is.TypeOf<UnknownCallback>());
        Assert.That(callback.Type, Is.Empty);
        Assert.That(callback.SessionId, Is.EqualTo("s1"));
    }

    [Test]
    public void A_callback_prints_its_class_and_type_only()
    {
        var callback = Callbacks.Parse($$"""{"callbackApiKey":"{{CallbackKey}}","type":"one-time-password-request","text":"code 9731","phoneNumber":"+995599123456"}""");

        Assert.That(callback.ToString(), Is.EqualTo("OneTimePasswordRequestCallback { Type = one-time-password-request }"));
    }

    [Test]
    public void Fields_that_are_not_strings_are_absent_and_the_next_email_name_is_read()
    {
        var otp = (OneTimePasswordRequestCallback)Callbacks.Parse(
            $$$"""{"callbackApiKey":"{{{CallbackKey}}}","type":"one-time-password-request","phoneNumber":995599123456,"text":{"code":1}}""");
        var email = (ShareSessionLinkViaEmailCallback)Callbacks.Parse(
            $$"""{"callbackApiKey":"{{CallbackKey}}","type":"share-session-link-via-email","email":5,"emailAddress":"a@b.c","sessionLink":"https://w/?s=1"}""");
        var sms = (ShareSessionLinkViaSmsCallback)Callbacks.Parse(
            $$"""{"callbackApiKey":"{{CallbackKey}}","type":"share-session-link-via-sms","phoneNumber":"+995599000111","sessionLink":"https://w/?s=2"}""");

        Assert.That((otp.PhoneNumber, otp.Text), Is.EqualTo(((string?)null, (string?)null)));
        Assert.That((email.Email, email.SessionLink), Is.EqualTo(("a@b.c", "https://w/?s=1")));
        Assert.That((sms.PhoneNumber, sms.SessionLink), Is.EqualTo(("+995599000111", "https://w/?s=2")));
    }

    /// <summary>A valid callback padded with trailing whitespace to exactly <paramref name="length"/> bytes.</summary>
    private static string Padded(int length)
    {
        var json = $$"""{"callbackApiKey":"{{CallbackKey}}","type":"limit-test"}""";
        return json + new string(' ', length - json.Length);
    }

    /// <summary>Serves spaces up to a limit, at most <paramref name="piece"/> bytes a read, counting what it served.</summary>
    private sealed class CountingStream(long limit, int piece) : Identomat.Sdk.Internal.ReadOnlyStream
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, piece), limit - Served);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            Served += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = (int)Math.Min(Math.Min(buffer.Length, piece), limit - Served);
            buffer.Span.Slice(0, n).Fill((byte)' ');
            Served += n;
            return new ValueTask<int>(n);
        }

    }

    private const string Key = "cb_PARSER_key_1";

    // A callback body of JSON null threw NullReferenceException from every overload.
    [Test]
    public async Task A_null_callback_body_is_malformed_from_every_overload()
    {
        var parser = new IdentomatCallbackParser([Key], "ck_dedup_secret");
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => parser.Parse("null"))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => parser.Parse("null"u8.ToArray()))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        var ex = Assert.ThrowsAsync<IdentomatCallbackException>(() => parser.ParseAsync(new MemoryStream("null"u8.ToArray())));
        Assert.That(ex!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        await Task.CompletedTask;
    }
}
