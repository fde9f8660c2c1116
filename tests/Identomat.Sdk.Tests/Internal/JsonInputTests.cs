#pragma warning disable CA2022, CA1068 // Reads here check each call's answer; the helper takes named optional arguments.
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Http;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Media;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Internal;

/// <summary>The JSON gate in front of every strict input: each problem named with its path, parser messages without input text, repair of lenient input.</summary>
public class JsonInputTests
{
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

    [Test]
    public void Parser_exceptions_keep_their_position_and_lose_their_text()
    {
        var original = new JsonException("Path: $.secret['tok'] is bad", "$.secret['tok']", 4, 17);

        var clean = (JsonException)JsonInput.WithoutServerText(original)!;

        Assert.That(clean.Message, Is.EqualTo("The JSON is malformed or not of the expected shape at line 5, byte 18."));
        Assert.That((clean.LineNumber, clean.BytePositionInLine, clean.Path), Is.EqualTo(((long?)4, (long?)17, (string?)null)));
        var unknown = (JsonException)JsonInput.WithoutServerText(new JsonException("x"))!;
        Assert.That(unknown.Message, Does.Contain("at line 1, byte 1"));
        Assert.That(JsonInput.WithoutServerText(new InvalidOperationException("tok"))!.Message, Is.EqualTo("The answer could not be read (InvalidOperationException)."));
        Assert.That(JsonInput.WithoutServerText(null), Is.Null);
    }

    // The parser's exception kept as InnerException quoted a character of the input.
    [Test]
    public void A_malformed_flow_keeps_no_input_text_in_its_exception()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"name":SECRET}"""));
        Assert.That(ex!.ToString(), Does.Not.Contain("'S'").And.Not.Contain("SECRET"));
    }
}
