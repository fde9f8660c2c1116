using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Internal;
using Identomat.Sdk.Serialization;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.Golden;
using Identomat.Sdk.Tests.Serialization;

namespace Identomat.Sdk.Tests.Validation;

/// <summary>One test per client-side invariant of wire-format.md, asserting the JSON path and the message.</summary>
public class ValidationTests
{
    private static readonly QuestionOption[] YesNo = [new("yes", "Yes"), new("no", "No")];

    private static ValidationError Single(SessionRequest request)
    {
        var errors = request.Validate();
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        return errors[0];
    }

    private static void AssertError(SessionRequest request, string path, string messagePart, string? notQuoting = null)
    {
        var error = Single(request);
        Assert.Multiple(() =>
        {
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(error.Message, Does.Contain(messagePart));
            if (notQuoting is not null)
            {
                // A preset answer or a condition's value may be a user's personal data: the path names it, the message does not.
                Assert.That(error.Message, Does.Not.Contain(notQuoting));
            }
        });
    }

    private static SessionRequest Questions(params Question[] questions) =>
        new() { Steps = [new UserQuestionnaireStep { Key = "q", Title = "Q", Questions = questions }] };

    [Test]
    public void A_valid_flow_has_no_errors() =>
        Assert.That(GoldenCases.All().Select(c => ((Func<SessionRequest>)c.Arguments[1]!)().Validate()).SelectMany(e => e), Is.Empty);

    // 1. Step keys non-empty and unique across the session, nested video-call steps included.
    [Test]
    public void Inv1_empty_step_key() =>
        AssertError(new SessionRequest { Steps = [new LivenessStep { Key = " " }] }, "steps[0].key", "a step key cannot be empty");

    [Test]
    public void Inv1_duplicate_step_key() =>
        AssertError(new SessionRequest { Steps = [new LivenessStep { Key = "a" }, new IdentityDocumentStep { Key = "a" }] }, "steps[1].key", "'a' is already the key of steps[0]");

    [Test]
    public void Inv1_duplicate_key_between_session_and_video_call() =>
        AssertError(
            new SessionBuilder().AddLiveness().AddVideoCall(c => c.AddLiveness()).Build_Unvalidated(),
            "steps[1].flags.steps[0].key",
            "'liveness' is already the key of steps[0]");

    [Test]
    public void Inv1_two_unkeyed_steps_of_one_type_collide_on_the_default_key() =>
        AssertError(new SessionRequest { Steps = [new LivenessStep(), new LivenessStep()] }, "steps[1].key", "'liveness' (the default key of this step type) is already the key of steps[0]");

    [Test]
    public void Inv1_questionnaire_needs_a_key() =>
        AssertError(new SessionRequest { Steps = [new OperatorQuestionnaireStep { Title = "Notes" }] }, "steps[0].key", "required");

    // 2. Video-call nested steps exclude language, operator-questionnaire and video-call.
    [TestCase(typeof(LanguageStep), "language")]
    [TestCase(typeof(VideoCallStep), "video-call")]
    [TestCase(typeof(OperatorQuestionnaireStep), "operator-questionnaire")]
    public void Inv2_step_types_not_allowed_in_a_video_call(Type type, string wireType)
    {
        var nested = (Step)Activator.CreateInstance(type)! with { Key = "nested" };
        var request = new SessionRequest { Steps = [new VideoCallStep { Flags = new VideoCallFlags { Steps = [nested] } }] };

        var error = request.Validate()[0];

        Assert.That(error.Path, Is.EqualTo("steps[0].flags.steps[0].type"));
        Assert.That(error.Message, Does.StartWith($"a video call cannot contain a '{wireType}' step"));
    }

    // 3. Questionnaire: keys, options, title.
    [Test]
    public void Inv3_duplicate_question_key() =>
        AssertError(Questions(new StringQuestion { Key = "a", Title = "A" }, new StringQuestion { Key = "a", Title = "B" }), "steps[0].questions[1].key", "'a' is already the key of another question");

    [Test]
    public void Inv3_missing_question_key() =>
        AssertError(Questions(new StringQuestion { Title = "A" }), "steps[0].questions[0].key", "required");

    [Test]
    public void Inv3_option_keys_unique_across_the_questionnaire() =>
        AssertError(
            Questions(new OptionsQuestion { Key = "a", Title = "A", Options = YesNo }, new DropdownQuestion { Key = "b", Title = "B", Options = [new("yes", "Yes again")] }),
            "steps[0].questions[1].options[0].key",
            "'yes' is already the key of option steps[0].questions[0].options[0]");

    [TestCase(typeof(MultipleChoiceQuestion), "multiple-choice")]
    [TestCase(typeof(OptionsQuestion), "options")]
    [TestCase(typeof(DropdownQuestion), "dropdown")]
    public void Inv3_choice_questions_need_an_option(Type type, string wireType)
    {
        var question = (ChoiceQuestion)Activator.CreateInstance(type)! with { Key = "c", Title = "C", Options = [] };
        AssertError(Questions(question), "steps[0].questions[0].options", $"a '{wireType}' question needs at least one option");
    }

    [Test]
    public void Inv3_user_questionnaire_needs_a_title() =>
        AssertError(new SessionRequest { Steps = [new UserQuestionnaireStep { Key = "q", Questions = [] }] }, "steps[0].title", "a user questionnaire needs a title");

    [Test]
    public void Inv3_option_needs_a_title() =>
        AssertError(Questions(new OptionsQuestion { Key = "a", Title = "A", Options = [new QuestionOption { Key = "x" }] }), "steps[0].questions[0].options[0].title", "required");

    // 4. showConditions names an earlier question; its answer is one of that question's options.
    [Test]
    public void Inv4_condition_on_a_later_question() =>
        AssertError(
            Questions(new StringQuestion { Key = "b", Title = "B", ShowConditions = new("age", "18") }, new StringQuestion { Key = "age", Title = "Age" }),
            "steps[0].questions[0].showConditions.questionKey",
            "'age' is not an earlier question");

    [Test]
    public void Inv4_condition_answer_must_be_an_option_of_the_controlling_question() =>
        AssertError(
            Questions(new OptionsQuestion { Key = "a", Title = "A", Options = YesNo }, new StringQuestion { Key = "b", Title = "B", ShowConditions = new("a", "maybe") }),
            "steps[0].questions[1].showConditions.answer",
            "is not the key of an option of question 'a'",
            notQuoting: "maybe");

    [Test]
    public void Inv4_condition_on_a_string_question_takes_any_text() =>
        Assert.That(Questions(new StringQuestion { Key = "a", Title = "A" }, new StringQuestion { Key = "b", Title = "B", ShowConditions = new("a", "any text") }).Validate(), Is.Empty);

    // 5. Preset answers.
    [Test]
    public void Inv5_options_answer_is_one_of_its_options() =>
        AssertError(Questions(new OptionsQuestion { Key = "a", Title = "A", Options = YesNo, Answer = "maybe" }), "steps[0].questions[0].answer", "is not the key of one of this question's options", notQuoting: "maybe");

    [Test]
    public void Inv5_multiple_choice_answers_are_its_options() =>
        AssertError(
            Questions(new OptionsQuestion { Key = "o", Title = "O", Options = [new("other", "Other")] }, new MultipleChoiceQuestion { Key = "a", Title = "A", Options = YesNo, Answer = ["yes", "other"] }),
            "steps[0].questions[1].answer[1]",
            "is not the key of one of this question's options",
            notQuoting: "other");

    [TestCase("dropdown")]
    [TestCase("file")]
    public void Inv5_no_preset_answer_on_dropdown_or_file(string type)
    {
        Question question = type == "dropdown" ? new DropdownQuestion { Key = "a", Title = "A", Options = YesNo } : new FileQuestion { Key = "a", Title = "A" };
        question = question with { AdditionalProperties = GoldenCases.Raw("""{"answer": "yes"}""") };
        AssertError(Questions(question), "steps[0].questions[0].answer", $"a '{type}' question cannot have a preset answer");
    }

    // 6. filesMaxCount and fileTypes.
    [TestCase(0)]
    [TestCase(11)]
    public void Inv6_files_max_count_out_of_range(int count) =>
        AssertError(Questions(new FileQuestion { Key = "f", Title = "F", FilesMaxCount = count }), "steps[0].questions[0].filesMaxCount", $"must be from 1 to 10, not {count}");

    [Test]
    public void Inv6_file_types_empty() =>
        AssertError(Questions(new AttachmentQuestion { Key = "f", Title = "F", FileTypes = [] }), "steps[0].questions[0].fileTypes", "needs at least one file type");

    [Test]
    public void Inv6_file_types_unknown() =>
        AssertError(Questions(new FileQuestion { Key = "f", Title = "F", FileTypes = [FileType.Pdf, "docx"] }), "steps[0].questions[0].fileTypes[1]", "is not a file type", notQuoting: "docx");

    // 7. Localized text.
    [Test]
    public void Inv7_localized_text_needs_a_language() =>
        AssertError(Questions(new StringQuestion { Key = "a", Title = new LocalizedText([]) }), "steps[0].questions[0].title", "needs text in at least one language");

    [Test]
    public void Inv7_localized_text_empty_language_code() =>
        AssertError(new SessionRequest { Steps = [new UserQuestionnaireStep { Key = "q", Title = new LocalizedText("", "x") }] }, "steps[0].title", "has an empty language code");

    [Test]
    public void Inv7_plain_text_is_not_allowed_for_a_user_questionnaire_title() =>
        AssertError(new SessionRequest { Steps = [new UserQuestionnaireStep { Key = "q", Title = LocalizedText.Plain("Q") }] }, "steps[0].title", "must be an object of language codes");

    // 8. Schedule.
    [Test]
    public void Inv8_schedule_start_before_end() =>
        AssertError(new SessionBuilder().Schedule(GoldenCases.Start, GoldenCases.Start).Build_Unvalidated(), "scheduleEndTime", "must be later than scheduleStartTime");

    // 9. URLs.
    [TestCase("flags.return_url", "/relative/path")]
    [TestCase("flags.return_url", "ftp://example.com/x")]
    [TestCase("flags.switch_device_url", "javascript:alert(1)")]
    public void Inv9_urls_must_be_absolute_http(string path, string url)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);
        var flags = path.EndsWith("return_url", StringComparison.Ordinal) ? new SessionFlags { ReturnUrl = uri } : new SessionFlags { SwitchDeviceUrl = uri };
        AssertError(new SessionRequest { Flags = flags }, path, "must be an absolute http or https URL");
    }

    // 10. Countries.
    [TestCase("usa")]
    [TestCase("US")]
    [TestCase("GEO1")]
    [TestCase("ÄBC")]
    public void Inv10_document_countries_are_three_upper_case_letters(string code) =>
        AssertError(
            new SessionBuilder().AddIdentityDocument(f => f with { DocumentCountries = ["DEU", code] }).Build_Unvalidated(),
            "steps[0].flags.document_countries[1]",
            "is not an ISO 3166-1 alpha-3 country code",
            notQuoting: code);

    // 11. Liveness contradiction.
    [Test]
    public void Inv11_active_liveness_with_face_upload_is_contradictory() =>
        AssertError(
            new SessionBuilder().AddLiveness(f => f with { ActiveLiveness = true, AllowFaceUpload = true }).Build_Unvalidated(),
            "steps[0].flags.allow_face_upload",
            "cannot be true with active liveness");

    [Test]
    public void Inv11_passive_liveness_with_face_upload_is_fine() =>
        Assert.That(new SessionBuilder().AddLiveness(f => f with { ActiveLiveness = false, AllowFaceUpload = true }).Build().Validate(), Is.Empty);

    // Escape hatch: a raw property may not shadow a typed one.
    [Test]
    public void Raw_property_shadowing_a_set_typed_property_is_rejected() =>
        AssertError(
            new SessionRequest { Flags = new SessionFlags { SkipFace = true, AdditionalProperties = GoldenCases.Raw("""{"skip_face": false}""") } },
            "flags.skip_face",
            "set both by a typed property and in AdditionalProperties");

    [Test]
    public void Raw_property_shadowing_a_set_step_flag_is_rejected() =>
        AssertError(
            new SessionBuilder().AddLiveness(f => f with { ActiveLiveness = true, AdditionalProperties = GoldenCases.Raw("""{"liveness": false}""") }).Build_Unvalidated(),
            "steps[0].flags.liveness",
            "set both by a typed property and in AdditionalProperties");

    [Test]
    public void Raw_step_type_or_key_cannot_be_overridden() =>
        AssertError(new SessionRequest { Steps = [new LivenessStep { AdditionalProperties = GoldenCases.Raw("""{"type": "selfie"}""") }] }, "steps[0].type", "set both by a typed property");

    [Test]
    public void Raw_company_key_is_rejected() =>
        AssertError(new SessionRequest { AdditionalProperties = GoldenCases.Raw("""{"company_key": "k"}""") }, "company_key", "comes from the client options");

    // Every problem is collected, not only the first.
    [Test]
    public void All_problems_are_collected_in_document_order()
    {
        var request = new SessionRequest
        {
            Flags = new SessionFlags { ReturnUrl = new Uri("/x", UriKind.Relative) },
            Steps = [new LivenessStep { Key = "" }, new UserQuestionnaireStep { Key = "q" }],
        };

        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "flags.return_url", "steps[0].key", "steps[1].title" }));
    }

    // Nothing is serialized from an invalid request.
    [Test]
    public void An_invalid_request_is_never_serialized()
    {
        var request = new SessionRequest { Steps = [new LivenessStep { Key = "a" }, new LivenessStep { Key = "a" }] };

        var ex = Assert.Throws<IdentomatValidationException>(() => request.ToJson());

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("steps[1].key"));
        Assert.That(ex.Message, Does.Contain("steps[1].key: 'a' is already the key of steps[0]"));
        Assert.Throws<IdentomatValidationException>(() => Identomat.Sdk.Http.RequestBody.Begin(request, "company-key"));
    }

    [Test]
    public void A_with_copy_of_a_validated_request_is_validated_anew()
    {
        var valid = new SessionBuilder().AddLiveness().Build();
        Assert.That(valid.Validate(), Is.Empty);

        var copy = valid with { Steps = [new LivenessStep { Key = "a" }, new LivenessStep { Key = "a" }], Name = "kept" };

        Assert.That(copy.Validate().Single().Path, Is.EqualTo("steps[1].key"));
        Assert.That((copy.Name, copy.Flags), Is.EqualTo(("kept", valid.Flags)), "with copies every property");
        Assert.That(valid.Validate(), Is.Empty);
    }

    [Test]
    public void Build_throws_with_every_problem()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => new SessionBuilder().AddLiveness().AddLiveness().Build());
        Assert.That(ex!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "steps[1].key: 'liveness' is already the key of steps[0]; step keys must be unique across the session, video-call steps included" }));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Inv12_blank_company_key_is_rejected_before_writing(string key)
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => Identomat.Sdk.Http.RequestBody.Begin(new SessionRequest(), key));
        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("company_key"));
    }
}

internal static class BuilderTestExtensions
{
    /// <summary>The builder's request without <c>Build()</c>'s validation, so a test can look at the errors.</summary>
    public static SessionRequest Build_Unvalidated(this SessionBuilder builder) => builder.Compose();
}

public class ValidationMemoTests
{
    private static SessionRequest Full() => new SessionBuilder()
        .Flags(f => f with { Language = "ka", SkipFace = true })
        .UsingConfiguration("cfg").ChildOf("parent").Named("n").ForClientUser("u").ForOperatorGroup("g")
        .Schedule(GoldenCases.Start, GoldenCases.Start.AddHours(1))
        .Configure(r => r with { AdditionalProperties = GoldenCases.Raw("""{"x": 1}""") })
        .AddLiveness()
        .Build();

    [Test]
    public void A_with_copy_keeps_every_property()
    {
        var request = Full();
        var copy = request with { };
        Assert.That(copy, Is.EqualTo(request));
        Assert.That(copy.ToJson(), Is.EqualTo(request.ToJson()));
    }

    [Test]
    public void A_validated_request_revalidates_its_changed_copies()
    {
        var request = Full();
        Assert.That(request.Validate(), Is.Empty);

        var broken = request with { Steps = [new LivenessStep(), new LivenessStep()] };

        Assert.That(broken.Validate().Single().Path, Is.EqualTo("steps[1].key"));
        Assert.Throws<IdentomatValidationException>(() => broken.ToJson());
    }

    [Test]
    public void Validation_state_takes_no_part_in_equality()
    {
        var validated = Full();
        validated.Validate();
        var fresh = Full() with { };
        Assert.That(fresh, Is.EqualTo(validated));
        Assert.That(fresh.GetHashCode(), Is.EqualTo(validated.GetHashCode()));
    }

    // Default open values and null list items validated clean and were written as null.
    [Test]
    public void Default_open_values_and_null_list_items_are_validation_errors()
    {
        var request = new SessionRequest
        {
            Flags = new SessionFlags { Language = default(LanguageCode) },
            Steps =
            [
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentTypes = [DocumentType.Id, default] } },
                new UserQuestionnaireStep { Key = "q", Title = new LocalizedText("en", "Q"), Questions = [new AttachmentQuestion { Key = "a", Title = new LocalizedText("en", "A"), Answer = ["f", null!] }] },
            ],
        };

        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "flags.language", "steps[0].flags.document_types[1]", "steps[1].questions[0].answer[1]" }));
        Assert.Throws<IdentomatValidationException>(() => request.ToJson());
    }

    [Test]
    public void Missing_values_are_found_in_every_kind_of_list()
    {
        var request = new SessionRequest
        {
            Steps =
            [
                new LanguageStep { Key = "l", Flags = new LanguageFlags { Languages = [LanguageCode.English, default] } },
                new ProofOfAddressStep { Key = "p", Flags = new ProofOfAddressFlags { GeneralDocumentTypes = [default] } },
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentCountries = [null!] } },
                new UserQuestionnaireStep
                {
                    Key = "q",
                    Title = new LocalizedText("en", "Q"),
                    Questions = [new FileQuestion { Key = "f", Title = new LocalizedText("en", "F"), FileTypes = [FileType.Pdf, default] }],
                },
            ],
        };

        Assert.That(
            request.Validate().Where(e => e.Message.StartsWith("has no value", StringComparison.Ordinal)).Select(e => e.Path),
            Is.EqualTo(new[] { "steps[0].flags.languages[1]", "steps[1].flags.general_document_types[0]", "steps[2].flags.document_countries[0]", "steps[3].questions[0].fileTypes[1]" }));
    }

    [Test]
    public void A_null_item_is_reported_once_as_missing_not_again_by_the_check_of_its_content()
    {
        var request = new SessionRequest
        {
            Steps =
            [
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentCountries = ["USA", null!] } },
                new UserQuestionnaireStep
                {
                    Key = "q",
                    Title = new LocalizedText("en", "Q"),
                    Questions = [new MultipleChoiceQuestion { Key = "m", Title = new LocalizedText("en", "M"), Options = [new QuestionOption("a", "A")], Answer = ["a", null!] }],
                },
            ],
        };

        Assert.That(
            request.Validate().Select(e => (e.Path, e.Message)),
            Is.EqualTo(new[]
            {
                ("steps[0].flags.document_countries[1]", "has no value (null or a default value)"),
                ("steps[1].questions[0].answer[1]", "has no value (null or a default value)"),
            }));
    }
}
