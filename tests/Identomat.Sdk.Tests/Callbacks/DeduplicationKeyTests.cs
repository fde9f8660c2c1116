using System.Text;
using Identomat.Sdk.Callbacks;

namespace Identomat.Sdk.Tests.Callbacks;

/// <summary>
/// A callback's de-duplication key follows what it means: a captured callback re-spaced, reordered, escaped or padded
/// keeps its key, and one callback has one key before, during and after a rotation of the callback keys.
/// </summary>
public class DeduplicationKeyTests
{
    private const string OldKey = "cb_old_3f9a2d";
    private const string NewKey = "cb_new_77c1e0";
    private const string Secret = "ck_company_key_81d";

    private static readonly IdentomatCallbackParser Parser = new([OldKey], Secret);

    private static string KeyOf(string body, IdentomatCallbackParser? parser = null) => (parser ?? Parser).Parse(body).DeduplicationKey;

    private const string Otp = "{\"callbackApiKey\":\"" + OldKey + "\",\"type\":\"one-time-password-request\",\"sessionId\":\"s-1\",\"phoneNumber\":\"+995599000111\",\"text\":\"Your code is 1234\"}";

    // The same one-time-password request, spelled otherwise.
    private static IEnumerable<TestCaseData> SameOtp()
    {
        yield return new TestCaseData("{ \"callbackApiKey\" : \"" + OldKey + "\" ,\n \"type\":\"one-time-password-request\",\t\"sessionId\":\"s-1\",\"phoneNumber\":\"+995599000111\",\"text\":\"Your code is 1234\" }").SetArgDisplayNames("white space");
        yield return new TestCaseData("{\"text\":\"Your code is 1234\",\"phoneNumber\":\"+995599000111\",\"sessionId\":\"s-1\",\"type\":\"one-time-password-request\",\"callbackApiKey\":\"" + OldKey + "\"}").SetArgDisplayNames("reordered");
        yield return new TestCaseData(Otp.Replace("}", ",\"padding\":\"xxxxxxxx\",\"nested\":{\"a\":[1,2]}}", StringComparison.Ordinal)).SetArgDisplayNames("extra properties");
        yield return new TestCaseData(Otp.Replace("1234", "\\u0031234", StringComparison.Ordinal)).SetArgDisplayNames("escaped digit");
        yield return new TestCaseData(Otp.Replace("\"type\"", "\"\\u0074ype\"", StringComparison.Ordinal).Replace("+995", "\\u002b995", StringComparison.Ordinal)).SetArgDisplayNames("escaped name and plus");
        yield return new TestCaseData("\uFEFF" + Otp).SetArgDisplayNames("byte order mark");
        yield return new TestCaseData(Otp.Replace(OldKey, NewKey, StringComparison.Ordinal)).SetArgDisplayNames("the new callback key");
    }

    [TestCaseSource(nameof(SameOtp))]
    public void A_known_callback_keeps_its_key_however_it_is_spelled(string body)
    {
        var rotating = new IdentomatCallbackParser([OldKey, NewKey], Secret);

        Assert.That(KeyOf(body, rotating), Is.EqualTo(KeyOf(Otp)));
    }

    // What makes another callback: each meaningful field.
    [TestCase("\"s-1\"", "\"s-2\"")]
    [TestCase("+995599000111", "+995599000112")]
    [TestCase("1234", "1235")]
    [TestCase("one-time-password-request", "share-session-link-via-sms")]
    public void A_known_callback_differing_in_a_field_has_another_key(string from, string to) =>
        Assert.That(KeyOf(Otp.Replace(from, to, StringComparison.Ordinal)), Is.Not.EqualTo(KeyOf(Otp)));

    [Test]
    public void A_missing_field_and_an_empty_one_are_two_callbacks() =>
        Assert.That(KeyOf(Otp.Replace(",\"sessionId\":\"s-1\"", string.Empty, StringComparison.Ordinal)), Is.Not.EqualTo(KeyOf(Otp.Replace("\"s-1\"", "\"\"", StringComparison.Ordinal))));

    [TestCase("email-one-time-password-request", "email")]
    [TestCase("email-one-time-password-request", "emailAddress")]
    [TestCase("share-session-link-via-email", "email_address")]
    public void An_email_address_means_the_same_under_each_of_its_spellings(string type, string field)
    {
        string Body(string name) => $"{{\"callbackApiKey\":\"{OldKey}\",\"type\":\"{type}\",\"sessionId\":\"s\",\"{name}\":\"jane@example.com\",\"text\":\"Code 9\"}}";

        Assert.That(KeyOf(Body(field)), Is.EqualTo(KeyOf(Body("email"))));
        Assert.That(KeyOf(Body(field).Replace("jane@", "john@", StringComparison.Ordinal)), Is.Not.EqualTo(KeyOf(Body("email"))));
    }

    private const string Status = "{\"callbackApiKey\":\"" + OldKey + "\",\"type\":\"status-update\",\"sessionId\":\"s-1\",\"status\":{\"value\":\"approved\",\"score\":1},\"tags\":[\"a\",\"b\"]}";

    private static IEnumerable<TestCaseData> SameStatus()
    {
        yield return new TestCaseData("{\"tags\":[\"a\",\"b\"],\"status\":{\"score\":1,\"value\":\"approved\"},\"sessionId\":\"s-1\",\"type\":\"status-update\",\"callbackApiKey\":\"" + OldKey + "\"}").SetArgDisplayNames("reordered at every level");
        yield return new TestCaseData(Status.Replace("\"score\":1", "\"score\":1.0", StringComparison.Ordinal)).SetArgDisplayNames("1.0");
        yield return new TestCaseData(Status.Replace("\"score\":1", "\"score\":1e0", StringComparison.Ordinal)).SetArgDisplayNames("1e0");
        yield return new TestCaseData(Status.Replace("\"score\":1", "\"score\":10E-1", StringComparison.Ordinal)).SetArgDisplayNames("10E-1");
        yield return new TestCaseData(Status.Replace("approved", "\\u0061pproved", StringComparison.Ordinal)).SetArgDisplayNames("escaped");
        yield return new TestCaseData(Status.Replace(",", " ,\r\n ", StringComparison.Ordinal)).SetArgDisplayNames("white space");
        yield return new TestCaseData(Status.Replace(OldKey, NewKey, StringComparison.Ordinal)).SetArgDisplayNames("the new callback key");
    }

    [TestCaseSource(nameof(SameStatus))]
    public void An_unknown_callback_keeps_its_key_however_its_payload_is_spelled(string body) =>
        Assert.That(KeyOf(body, new IdentomatCallbackParser([OldKey, NewKey], Secret)), Is.EqualTo(KeyOf(Status)));

    [TestCase("\"score\":1", "\"score\":2")]
    [TestCase("\"score\":1", "\"score\":\"1\"")]
    [TestCase("[\"a\",\"b\"]", "[\"b\",\"a\"]")]
    [TestCase("\"tags\"", "\"labels\"")]
    [TestCase("\"b\"]}", "\"b\"],\"extra\":null}")]
    public void An_unknown_callback_differing_anywhere_in_its_payload_has_another_key(string from, string to) =>
        Assert.That(KeyOf(Status.Replace(from, to, StringComparison.Ordinal)), Is.Not.EqualTo(KeyOf(Status)));

    [Test]
    public void Numbers_beyond_a_decimal_keep_a_stable_key()
    {
        string With(string number) => Status.Replace("\"score\":1", "\"score\":" + number, StringComparison.Ordinal);

        Assert.That(KeyOf(With("1e300")), Is.EqualTo(KeyOf(With("10e299"))));
        Assert.That(KeyOf(With("1e-40")), Is.Not.EqualTo(KeyOf(With("0"))), "a tiny number is not zero");
        Assert.That(KeyOf(With("-0")), Is.EqualTo(KeyOf(With("0"))));
        Assert.That(KeyOf(With("1e400")), Is.EqualTo(KeyOf(With("10e399"))), "beyond a double, still by value");
        Assert.That(KeyOf(With("1e-400")), Is.Not.EqualTo(KeyOf(With("0"))), "below a double's smallest, not zero");
        Assert.That(
            KeyOf(With("123456789012345678901234567890")),
            Is.Not.EqualTo(KeyOf(With("123456789012345678901234567891"))),
            "thirty digits that one double holds are two numbers");
    }

    [TestCase("1", "1")]
    [TestCase("1.0", "1")]
    [TestCase("10e-1", "1")]
    [TestCase("-0.0e5", "0")]
    [TestCase("1.50", "1.5")]
    [TestCase("100", "100")]
    [TestCase("1E+2", "100")]
    [TestCase("0.001", "0.001")]
    [TestCase("-12.5e-3", "-0.0125")]
    [TestCase("1e28", "1e28")]
    [TestCase("1e27", "1000000000000000000000000000")]
    [TestCase("1e-28", "0.0000000000000000000000000001")]
    [TestCase("1e-29", "1e-29")]
    [TestCase("12345678901234567890123456789", "12345678901234567890123456789e0")]
    [TestCase("1.2345678901234567E+31", "12345678901234567e15")]
    [TestCase("1e000000000000000000000000000001", "10")]
    [TestCase("1e1000000000000000000", "1e1000000000000000000")]
    [TestCase("1234567890123456789012345678", "1234567890123456789012345678")]
    [TestCase("0.1234567890123456789012345678", "0.1234567890123456789012345678")]
    [TestCase("1.0e100000000000000000", "1e100000000000000000")]
    [TestCase("1.0e-0100000000000000000", "1e-100000000000000000")]
    [TestCase("1.0e1000000000000000000", "1.0e1000000000000000000")]
    [TestCase("1e99999999999999999999", "1e99999999999999999999")]
    public void A_number_is_canonical_by_its_exact_value(string json, string canonical) =>
        Assert.That(CallbackDeduplication.CanonicalNumber(json), Is.EqualTo(canonical));

    [Test]
    public void Known_fields_keep_their_JSON_kind_and_text_its_normal_form()
    {
        Assert.That(KeyOf(Otp.Replace("\"s-1\"", "1", StringComparison.Ordinal)), Is.Not.EqualTo(KeyOf(Otp.Replace("\"s-1\"", "\"1\"", StringComparison.Ordinal))), "a number is not its digits");
        Assert.That(KeyOf(Otp.Replace("\"s-1\"", "\"caf\u00e9\"", StringComparison.Ordinal)), Is.EqualTo(KeyOf(Otp.Replace("\"s-1\"", "\"cafe\u0301\"", StringComparison.Ordinal))), "composed and decomposed are one text");
    }

    [Test]
    public void One_callback_has_one_key_before_during_and_after_a_rotation()
    {
        var before = new IdentomatCallbackParser([OldKey], Secret);
        var during = new IdentomatCallbackParser([NewKey, OldKey], Secret);
        var after = new IdentomatCallbackParser([NewKey], Secret);
        var underNewKey = Otp.Replace(OldKey, NewKey, StringComparison.Ordinal);

        var keys = new[] { KeyOf(Otp, before), KeyOf(Otp, during), KeyOf(underNewKey, during), KeyOf(underNewKey, after) };

        Assert.That(keys.Distinct(), Has.Exactly(1).Items);
        Assert.That(keys[0], Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void The_key_depends_on_the_deduplication_secret() =>
        Assert.That(KeyOf(Otp, new IdentomatCallbackParser([OldKey], Secret + "-other")), Is.Not.EqualTo(KeyOf(Otp)));

    [Test]
    public void The_key_reveals_nothing_of_the_callback()
    {
        var key = KeyOf(Otp);

        Assert.That(key, Does.Not.Contain("1234").And.Not.Contain("995599"));
        Assert.That(key, Is.Not.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Otp)))));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_deduplication_secret_is_refused(string secret)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new IdentomatCallbackParser([OldKey], secret));

        Assert.That(ex!.ParamName, Is.EqualTo("deduplicationSecret"));
    }
}
