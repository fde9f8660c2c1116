using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>
/// The boundaries mutation testing (eng/mutation.sh) found unguarded: request signing, response and media verification,
/// callback authentication and the JSON gate in front of it. Each test pins a behaviour a surviving mutant changed.
/// </summary>
public class MutationKillTests
{
    private const string CallbackKey = "cb_MUTATION_k3y_7f1a";

    private static readonly IdentomatCallbackParser Callbacks = new([CallbackKey], "ck_dedup_secret");

    // ---- Request signing: Http/RequestSigner.cs ----

    [Test]
    public void A_signature_header_whose_closing_quote_is_replaced_is_refused()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var body = "{\"sessionToken\":\"t\"}"u8.ToArray();
        var mac = signer.Compute(body);
        var header = signer.HeaderValue(body);

        Assert.That(RequestSigner.Matches(header, mac), Is.True);
        Assert.That(RequestSigner.Matches(header.Substring(0, header.Length - 1) + "x", mac), Is.False, "the MAC must be closed by a quote, not by any character");
        Assert.That(RequestSigner.Matches(header.Substring(0, header.Length - 1), mac), Is.False);
    }

    [TestCase("signature=\"")]
    [TestCase("  signature=\"  ")]
    public void The_bare_prefix_is_refused_without_throwing(string header)
    {
        var mac = new RequestSigner(Hostile.SecretKey).Compute([1, 2, 3]);

        Assert.That(RequestSigner.Matches(header, mac), Is.False);
    }

    [Test]
    public void Signing_the_same_body_twice_gives_the_same_mac()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), body);

        var first = signer.Compute(body);
        var second = signer.Compute(body);

        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected), "the second MAC is not chained to the first body");
    }

    [Test]
    public void A_signature_under_the_previous_key_verifies_only_during_a_rotation()
    {
        var body = "{\"a\":1}"u8.ToArray();
        var header = new RequestSigner("sk_old").HeaderValue(body);

        Assert.That(new RequestSigner(Hostile.SecretKey, "sk_old").Verifies(header, body), Is.True);
        Assert.That(new RequestSigner(Hostile.SecretKey).Verifies(header, body), Is.False);
        Assert.That(new RequestSigner(Hostile.SecretKey, "sk_old").Verifies(header, [.. body, 32]), Is.False, "the previous key's MAC is of this body too");
    }

    [Test]
    public void Signing_nothing_is_an_argument_error_and_later_signatures_still_work()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        signer.Compute([1]);

        Assert.Throws<ArgumentNullException>(() => signer.Compute(null!));

        Assert.That(signer.Compute([42]), Is.EqualTo(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), new byte[] { 42 })));
    }

    [Test]
    public void Incremental_verifiers_hold_the_current_key_first_then_the_previous()
    {
        byte[] body = [1, 2, 3];
        var verifiers = new RequestSigner(Hostile.SecretKey, "sk_old").IncrementalVerifiers();
        foreach (var verifier in verifiers)
        {
            verifier.AppendData(body);
        }

        Assert.That(verifiers.Select(v => v.GetHashAndReset()), Is.EqualTo(new[]
        {
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Hostile.SecretKey), body),
            HMACSHA256.HashData("sk_old"u8.ToArray(), body),
        }));
        Assert.That(new RequestSigner(Hostile.SecretKey).IncrementalVerifiers(), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_reconfigured_client_signs_with_its_new_key_and_verifies_answers_with_it()
    {
        const string NewKey = "sk_NEW_r4t5y6u7";
        var body = "\"tok_from_server\""u8.ToArray();
        var signatures = new List<string>();
        var handler = new StubHandler(request =>
        {
            signatures.Add(request.Headers.GetValues("Authorization").Single());
            var answer = StubHandler.Answer(HttpStatusCode.OK, body);
            answer.Headers.TryAddWithoutValidation("Authorization", new RequestSigner(NewKey).HeaderValue(body));
            return answer;
        });
        using var client = handler.Client(o => o.SecretKey = Hostile.SecretKey);

        Assert.ThrowsAsync<IdentomatSignatureException>(() => client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build()));
        client.Reconfigure(new IdentomatClientOptions { CompanyKey = Hostile.CompanyKey, SecretKey = NewKey, BaseAddress = new Uri("https://api.test/external-api/") });
        var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

        Assert.That(session.Token, Is.EqualTo("tok_from_server"));
        Assert.That(signatures, Has.Count.EqualTo(2));
        Assert.That(signatures[0], Is.Not.EqualTo(signatures[1]), "the same body, signed with the new key");
    }

    [Test]
    public void Concurrent_signatures_never_share_an_hmac()
    {
        var signer = new RequestSigner(Hostile.SecretKey);
        var key = Encoding.UTF8.GetBytes(Hostile.SecretKey);
        var wrong = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = Encoding.UTF8.GetBytes("{\"n\":" + i + ",\"pad\":\"" + new string('x', i % 300) + "\"}");
            if (!signer.Compute(body).AsSpan().SequenceEqual(HMACSHA256.HashData(key, body)))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.That(wrong, Is.Zero, "a MAC chained to another caller's body");
    }

    [Test]
    public void The_signer_prints_its_type_and_never_its_key()
    {
        var text = new RequestSigner(Hostile.SecretKey).ToString();

        Assert.That(text, Does.StartWith("RequestSigner"));
        Hostile.AssertNoSecret(text);
    }

    // ---- Response verification: AnswerClassifier.Classify and SignatureOf ----

    [Test]
    public void An_unsigned_response_is_reported_missing_and_a_forged_one_wrong()
    {
        var body = "\"tok_from_server\""u8.ToArray();
        var forged = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("not the key"), body)) + "\"";
        using var unsigned = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, body)).Client(o => o.SecretKey = Hostile.SecretKey);
        using var wrong = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, body);
            response.Headers.TryAddWithoutValidation("Authorization", forged);
            return response;
        }).Client(o => o.SecretKey = Hostile.SecretKey);

        var missing = Assert.ThrowsAsync<IdentomatSignatureException>(() => unsigned.BeginSessionAsync(Hostile.Flow));
        var refused = Assert.ThrowsAsync<IdentomatSignatureException>(() => wrong.BeginSessionAsync(Hostile.Flow));

        Assert.That(missing!.Message, Does.Contain("signature is missing").And.Contain("not used"));
        Assert.That(refused!.Message, Does.Contain("signature is wrong").And.Not.Contain("missing"));
        Assert.That(missing.Operation, Is.EqualTo(refused.Operation).And.Not.Empty);
    }

    // ---- Streamed media verification: Http/MediaStream.cs ----

    [Test]
    public void A_forged_media_body_is_wrong_and_an_unsigned_one_missing()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray();

        using var forged = Media(bytes, Sign(bytes, "not the key"));
        using var unsigned = Media(bytes, signature: null);

        var wrong = Assert.ThrowsAsync<IdentomatSignatureException>(() => forged.CopyToAsync(Stream.Null));
        var missing = Assert.ThrowsAsync<IdentomatSignatureException>(() => unsigned.CopyToAsync(Stream.Null));

        Assert.That(wrong!.Message, Is.EqualTo("Identomat media-test: the media's signature is wrong; discard what was read."));
        Assert.That(missing!.Message, Is.EqualTo("Identomat media-test: the media's signature is missing; discard what was read."));
        Assert.That(wrong.Operation, Is.EqualTo("media-test"));
    }

    [Test]
    public void A_failed_check_fails_every_later_synchronous_read()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        using var stream = Media(bytes, Sign(bytes, "not the key"));
        var buffer = new byte[bytes.Length];

        var first = Assert.Throws<IdentomatSignatureException>(() => stream.ReadExactly(buffer));
        var again = Assert.Throws<IdentomatSignatureException>(() => stream.ReadExactly(buffer, 0, 1), "never a clean end of stream");

        Assert.That(again, Is.SameAs(first));
    }

    [Test]
    public void A_genuine_body_read_synchronously_passes()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray();
        using var stream = Media(bytes, Sign(bytes, Hostile.SecretKey));
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void An_error_of_the_body_stream_is_passed_on_not_reported_as_a_timeout()
    {
        using var stream = MediaStream.Open(new FailingStream(), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.That(() => stream.Read(new byte[16], 0, 16), Throws.TypeOf<IdentomatApiException>().With.InnerException.TypeOf<IOException>().With.InnerException.Message.EqualTo(FailingStream.Reason));
    }

    [Test]
    public async Task Canceling_the_call_token_ends_a_pending_read_as_a_cancellation_of_that_token()
    {
        using var cts = new CancellationTokenSource();
        using var stream = MediaStream.Open(new StallingStream([]), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), cts.Token);
        var read = stream.ReadAsync(new byte[8].AsMemory()).AsTask();

        await cts.CancelAsync();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => read);
        Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token), "the caller can tell its own cancellation from a timeout");
    }

    [Test]
    public void A_read_after_the_call_token_is_canceled_is_a_cancellation_never_an_end_of_stream()
    {
        using var cts = new CancellationTokenSource();
        using var stream = MediaStream.Open(new QuietWhenDisposedStream(), hashes: null, signature: null, declaredLength: 100, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), cts.Token);
        Assert.That(stream.Read(new byte[10], 0, 10), Is.EqualTo(10));

        cts.Cancel();

        var ex = Assert.Throws<OperationCanceledException>(() => stream.ReadExactly(new byte[10]), "even over a body stream that reports an end once disposed");
        Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token));
    }

    [Test]
    public async Task A_media_read_never_resumes_on_the_callers_synchronization_context()
    {
        using var stream = MediaStream.Open(new SlowStream(), hashes: null, signature: null, declaredLength: null, maxBytes: long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        var (read, posts) = RecordingContext.Run(() => stream.ReadAsync(new byte[8].AsMemory()).AsTask());

        Assert.That(await read, Is.EqualTo(8));
        Assert.That(Volatile.Read(ref posts.Value), Is.Zero, "a caller blocking on the read under a single-threaded context must not deadlock");
    }

    [Test]
    public void Disposing_the_media_stream_releases_the_body_and_the_keyed_hash()
    {
        var inner = new MemoryStream(new byte[10]);
        var hash = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Hostile.SecretKey));
        var stream = MediaStream.Open(inner, [hash], "signature=\"x\"", 10, long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

        stream.Dispose();

        Assert.That(inner.CanRead, Is.False, "the response stream (and its connection) is released");
        Assert.That(IsDisposed(hash), Is.True, "the HMAC holding the key is released");
    }

    [Test]
    public void The_media_stream_is_read_only_and_forward_only()
    {
        using var stream = Media([1, 2, 3], signature: null);

        Assert.That((stream.CanRead, stream.CanSeek, stream.CanWrite), Is.EqualTo((true, false, false)));
        Assert.That(() => stream.Length, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Position, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Seek(0, SeekOrigin.Begin), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Write([1], 0, 1), Throws.TypeOf<NotSupportedException>());
    }

    // ---- Callbacks: Callbacks/IdentomatCallbacks.cs ----

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
        var wrong = Assert.Throws<IdentomatCallbackException>(() => Callbacks.Parse("""{"type":"x","callbackApiKey":"cb_MUTATION_k3y_7f1b"}"""));

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

    // ---- The JSON gate: Internal/JsonInput.cs ----

    [Test]
    public void Each_kind_of_problem_is_named_with_its_path()
    {
        var name = JsonInput.FindProblem("""{"a":{"\uD800":1}}"""u8, refuseDuplicates: true);
        var duplicate = JsonInput.FindProblem("""{"a":{"b":1,"b":2}}"""u8, refuseDuplicates: true);
        var text = JsonInput.FindProblem("""["ok", 1, true, null, {"x":1}, [2], "\uDC00"]"""u8, refuseDuplicates: true);

        Assert.That(name, Is.EqualTo(new ValidationError("a", "a property name is not valid text (invalid UTF-8 or a lone surrogate)")));
        Assert.That(duplicate, Is.EqualTo(new ValidationError("a.b", "this property appears more than once in its object")));
        Assert.That(text, Is.EqualTo(new ValidationError("[6]", "the string is not valid text (invalid UTF-8 or a lone surrogate)")), "every kind of value counts in an array's index");
    }

    [Test]
    public void Raw_invalid_utf8_in_a_string_is_found_at_its_index()
    {
        byte[] json = [(byte)'[', (byte)'1', (byte)',', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']'];

        Assert.That(JsonInput.FindProblem(json, refuseDuplicates: false), Is.EqualTo(new ValidationError("[1]", "the string is not valid text (invalid UTF-8 or a lone surrogate)")));
    }

    [Test]
    public void Malformed_json_is_located_by_line_and_byte_counted_from_one()
    {
        var problem = JsonInput.FindProblem(Encoding.UTF8.GetBytes("{\"a\":1,\n  \"b\": x}"), refuseDuplicates: true, out var malformed);

        Assert.That(problem!.Message, Is.EqualTo("malformed JSON at line 2, byte 8"));
        Assert.That(malformed, Is.Not.Null);
    }

    [TestCase("\"\\uD999\"", "\"\\uFFFD\"", TestName = "Repair reads the digit 9")]
    [TestCase("\"\\udabc\"", "\"\\uFFFD\"", TestName = "Repair reads lower-case hex digits")]
    [TestCase("\"\\uDBFA\"", "\"\\uFFFD\"", TestName = "Repair reads upper-case hex digits A to F")]
    [TestCase("\"\\u0G\\uD800\"", "\"\\u0G\\uFFFD\"", TestName = "Repair skips a broken escape without hiding the next one")]
    [TestCase("\"\\uD83D\\uDE00 \\\\uD800\"", "\"\\uD83D\\uDE00 \\\\uD800\"", TestName = "Repair keeps a surrogate pair and an escaped backslash")]
    public void Repair_replaces_exactly_the_escaped_lone_surrogates(string input, string expected)
    {
        var repaired = JsonInput.Repair(Encoding.UTF8.GetBytes(input));

        Assert.That(Encoding.UTF8.GetString(repaired.Span), Is.EqualTo(expected));
    }

    // ---- Helpers ----

    private static string Sign(byte[] body, string key) =>
        "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body)) + "\"";

    private static MediaStream Media(byte[] body, string? signature) =>
        MediaStream.Open(new MemoryStream(body), [new RequestSigner(Hostile.SecretKey).Incremental()], signature, body.Length, long.MaxValue, "media-test", TimeSpan.FromSeconds(30), CancellationToken.None);

    // An HMAC holds the key: whether one was released is seen by using it.
    private static bool IsDisposed(IncrementalHash hash)
    {
        try
        {
            hash.AppendData([0]);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>A valid callback padded with trailing whitespace to exactly <paramref name="length"/> bytes.</summary>
    private static string Padded(int length)
    {
        var json = $$"""{"callbackApiKey":"{{CallbackKey}}","type":"limit-test"}""";
        return json + new string(' ', length - json.Length);
    }

    /// <summary>A body stream whose reads fail, as a reset connection does.</summary>
    private sealed class FailingStream : Identomat.Sdk.Internal.ReadOnlyStream
    {
        public const string Reason = "connection reset by peer";

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException(Reason);

    }

    /// <summary>A context that counts the continuations posted to it (and runs them on the thread pool).</summary>
    private sealed class RecordingContext : SynchronizationContext
    {
        public StrongBox<int> Posts { get; } = new();

        /// <summary>Starts <paramref name="start"/> with this context current; awaiting the task is left to the caller, after.</summary>
        public static (T Task, StrongBox<int> Posts) Run<T>(Func<T> start)
            where T : Task
        {
            var context = new RecordingContext();
            var previous = Current;
            SetSynchronizationContext(context);
            try
            {
                return (start(), context.Posts);
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref Posts.Value);
            base.Post(d, state);
        }
    }

    /// <summary>A body whose every read completes later, on another thread: the reader's await really suspends.</summary>
    private sealed class SlowStream(byte[]? content = null) : Identomat.Sdk.Internal.ReadOnlyStream
    {
        private readonly MemoryStream _content = new(content ?? new byte[64]);

        public override int Read(byte[] buffer, int offset, int count) => _content.Read(buffer, offset, count);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            return _content.Read(buffer.Span);
        }

        protected override void Dispose(bool disposing)
        {
            _content.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// A body stream that reports the end of the stream (0) once disposed instead of throwing, as some streams do:
    /// endless zeros until then.
    /// </summary>
    private sealed class QuietWhenDisposedStream : Identomat.Sdk.Internal.ReadOnlyStream
    {
        private bool _disposed;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_disposed)
            {
                return 0;
            }

            buffer.AsSpan(offset, count).Clear();
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }
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
}
