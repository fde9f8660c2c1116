using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;

namespace Identomat.Sdk.Tests.Serialization;

/// <summary>
/// The request reader on the source-generated context: every problem, however deep (steps inside a video call's flags,
/// questions, options, localized text), is one <see cref="IdentomatValidationException"/> naming its full JSON path.
/// </summary>
public class WireReaderTests
{
    [TestCase("""{"flags":null}""", "flags", "expected an object, found null")]
    [TestCase("""{"flags":[1]}""", "flags", "expected an object, found an array")]
    [TestCase("""{"steps":null}""", "steps", "expected an array, found null")]
    [TestCase("""{"steps":[null]}""", "steps[0]", "expected an object, found null")]
    [TestCase("""{"name":null}""", "name", "expected a string, found null")]
    [TestCase("""{"flags":{"skip_face":null}}""", "flags.skip_face", "expected true or false, found null")]
    [TestCase("""{"flags":{"language":null}}""", "flags.language", "expected a string, found null")]
    [TestCase("""{"flags":{"return_url":5}}""", "flags.return_url", "expected a URL string, found a number")]
    [TestCase("""{"scheduleEndTime":null}""", "scheduleEndTime", "expected an ISO 8601 date and time, found null")]
    [TestCase("""{"steps":[{"type":"liveness","flags":null}]}""", "steps[0].flags", "expected an object, found null")]
    [TestCase("""{"steps":[{"type":5}]}""", "steps[0].type", "required: a string naming the type")]
    [TestCase("""{"steps":[{"type":"liveness","key":"a"},{"key":"b","title":"t","type":"video-call","flags":{"steps":[{"type":"identity-document"},{"flags":{"document_types":["id",7]},"type":"identity-document"}]}}]}""", "steps[1].flags.steps[1].flags.document_types[1]", "expected a string, found a number")]
    [TestCase("""{"steps":[{"type":"user-questionnaire","key":"q","questions":[{"type":"options","key":"o","options":[{"key":"a","title":{"en":"A"}},{"key":"b","title":{"en":"B","ka":false}}]}]}]}""", "steps[0].questions[0].options[1].title.ka", "expected a string, found a boolean")]
    [TestCase("""{"steps":[{"type":"user-questionnaire","key":"q","questions":[{"type":"options","key":"o","options":[3]}]}]}""", "steps[0].questions[0].options[0]", "expected an object, found a number")]
    [TestCase("""{"steps":[{"type":"user-questionnaire","key":"q","questions":[{"type":"string","key":"s","showConditions":"yes"}]}]}""", "steps[0].questions[0].showConditions", "expected an object, found a string")]
    [TestCase("""{"steps":[{"type":"brand-new","key":7}]}""", "steps[0].key", "expected a string, found a number")]
    [TestCase("""{"steps":[{"type":"user-questionnaire","questions":[{"key":"x"}]}]}""", "steps[0].questions[0].type", "required: a string naming the type")]
    public void A_malformed_value_is_named_by_its_full_path(string json, string path, string message)
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson(json));
        Assert.That(ex!.Errors.Select(e => (e.Path, e.Message)), Is.EqualTo(new[] { (path, message) }));
        Assert.That(ex.Message, Does.Contain(path));
    }

    [Test]
    public void The_type_discriminator_is_found_wherever_it_stands()
    {
        const string json = """{"steps":[{"key":"d","flags":{"document_types":["passport"]},"title":"T","type":"identity-document"}]}""";
        var step = (IdentityDocumentStep)SessionRequest.FromJson(json).Steps![0];
        Assert.That((step.Key, step.Title, step.Flags!.DocumentTypes), Is.EqualTo(("d", "T", new[] { DocumentType.Passport })));
        Assert.That(SessionRequest.FromJson(json).ToJson(), Is.EqualTo("""{"steps":[{"type":"identity-document","key":"d","title":"T","flags":{"document_types":["passport"]}}]}"""));
    }

    [Test]
    public void A_second_type_name_is_refused_not_silently_chosen()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"liveness","type":"email"}]}"""));
        Assert.That(ex!.Errors.Single().Message, Does.Contain("more than once"));
    }

    [Test]
    public void A_large_object_of_unknown_properties_is_read_in_linear_time_and_kept_in_order()
    {
        var json = new StringBuilder("{\"flags\":{");
        for (var i = 0; i < 50_000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("\"f").Append(i).Append("\":").Append(i);
        }

        var request = SessionRequest.FromJson(json.Append("}}").ToString());
        Assert.That(request.Flags!.AdditionalProperties!.Count, Is.EqualTo(50_000));
        Assert.That(request.Flags.AdditionalProperties.Keys.Last(), Is.EqualTo("f49999"));
        Assert.That(request.ToJson(), Is.EqualTo(json.ToString()));
    }

    [Test]
    public void Raw_properties_read_from_json_cannot_be_changed_through_a_cast()
    {
        var request = SessionRequest.FromJson("""{"zzz":1}""");
        var raw = (IDictionary<string, JsonElement>)request.AdditionalProperties!;
        Assert.Throws<NotSupportedException>(() => raw.Add("x", default));
        Assert.Throws<NotSupportedException>(() => raw["zzz"] = default);
        Assert.Throws<NotSupportedException>(() => raw.Clear());
        Assert.That(request.ToJson(), Is.EqualTo("""{"zzz":1}"""));
    }

    [Test]
    public void Every_record_type_round_trips_through_the_generated_metadata_in_declared_order()
    {
        // One of each step and question type, each with every property set, read back property by property.
        var json = """
            {"flags":{"skip_face":true,"return_url":"https://e.x/r","language":"ka","document_types":["id"]},
             "steps":[
              {"type":"language","key":"l","title":"L","flags":{"languages":["en","ka"]}},
              {"type":"general-document","key":"g","title":"G","flags":{"general_document_types":["utility_bill"]}},
              {"type":"user-questionnaire","key":"q","title":{"en":"Q"},"description":{"en":"D"},"questions":[
                {"type":"attachment","key":"a","title":{"en":"A"},"mandatory":true,"description":{"en":"d"},"fileTypes":["pdf"],"filesMaxCount":2,"allowOperatorUpload":false,"allowOperatorOverride":true,"answer":["f1"]},
                {"type":"dropdown","key":"dd","title":{"en":"DD"},"options":[{"key":"o1","title":{"en":"O1"}}],"multiple":true},
                {"type":"string","key":"s","title":{"en":"S"},"showConditions":{"questionKey":"dd","answer":"o1"},"readOnly":true,"answer":"x"}],
               "successButtonTitle":{"en":"OK"}}],
             "config_id":"c","scheduleStartTime":"2030-01-01T00:00:00.000Z"}
            """;
        var compact = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
        Assert.That(SessionRequest.FromJson(json).ToJson(), Is.EqualTo(compact));
    }

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
}
