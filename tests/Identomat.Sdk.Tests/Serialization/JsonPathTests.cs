using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using NUnit.Framework;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>One path form for reading, input checks, validation and warnings: a name that is not a plain word in brackets.</summary>
public class JsonPathTests
{
    [TestCase("a\nb", @"['a\u000Ab']")]
    [TestCase("a\\b", @"['a\\b']")]
    [TestCase("\u2028", @"['\u2028']")]
    [TestCase("😀", "['😀']")]
    public void A_bracketed_name_escapes_what_a_log_or_terminal_would_act_on(string name, string step) =>
        Assert.That(JsonPath.Member(name), Is.EqualTo(step));

    // In code, not in an attribute: attribute strings are stored as UTF-8, where a lone surrogate cannot be written.
    [Test]
    public void A_bracketed_name_escapes_a_lone_half_of_a_surrogate_pair()
    {
        Assert.That(JsonPath.Member("x\uD800"), Is.EqualTo(@"['x\uD800']"));
        Assert.That(JsonPath.Member("\uDC00x"), Is.EqualTo(@"['\uDC00x']"));
        Assert.That(JsonPath.Member("\uDC00\uD800"), Is.EqualTo(@"['\uDC00\uD800']"));
    }

    [Test]
    public void A_path_is_reported_from_the_root_without_its_leading_dot()
    {
        var path = new JsonPath();
        Assert.That(path.Format(), Is.EqualTo("$"));
        Assert.That(path.Format("a.b"), Is.EqualTo("['a.b']"));
        path.Push("steps");
        path.Push(0);
        Assert.That(path.Format("a.b"), Is.EqualTo("steps[0]['a.b']"));
        Assert.That(path.Format(1), Is.EqualTo("steps"));
    }

    [Test]
    public void The_input_check_brackets_a_name_as_reading_does()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"x","a.b":1,"a.b":2}]}"""))!;
        Assert.That(ex.Errors.Single().Path, Is.EqualTo("steps[0]['a.b']"));

        var reading = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"user-questionnaire","key":"q","title":{"a.b":1}}]}"""))!;
        Assert.That(reading.Errors.Single().Path, Is.EqualTo("steps[0].title['a.b']"));
    }

    [Test]
    public void Validation_brackets_a_name_as_reading_does()
    {
        var request = new SessionRequest
        {
            Steps = [new UserQuestionnaireStep { Key = "q", Title = new LocalizedText(new Dictionary<string, string> { ["a.b"] = "x\uD800" }) }],
        };

        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "steps[0].title" }));
        var warnings = new SessionRequest { Steps = [new LivenessStep(), new UnknownStep("face")] }.GetWarnings();
        Assert.That(warnings.Single().Path, Is.EqualTo("steps[1].type"));
    }

    // A language code with a dot was printed as two path steps.
    [Test]
    public void A_name_that_is_not_a_plain_word_is_bracketed_in_the_path()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"user-questionnaire","key":"q","title":{"a.b":1}}]}"""));
        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("steps[0].title['a.b']"));
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
}
