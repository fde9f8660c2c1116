namespace Identomat.Sdk.Tests.Questionnaires;

/// <summary>
/// A question delegate may return the question it received changed (C#'s <c>with</c>) or a new one that sets only
/// what it changes (F#, which has no <c>with</c> for these records): the builder's key, title and options are kept.
/// </summary>
public class QuestionDelegateTests
{
    private static readonly QuestionOption[] Options = [new("employed", "Employed"), new("student", "Student")];

    private static Question Built(Action<UserQuestionnaireBuilder> questions) =>
        ((UserQuestionnaireStep)new SessionBuilder().AddUserQuestionnaire("q", "Q", questions).Build().Steps!.Single()).Questions!.Single();

    [Test]
    public void A_new_question_that_sets_one_property_keeps_the_builders_key_title_and_options()
    {
        var fresh = Built(q => q.AddSingleChoice("employment", "Employment", Options, _ => new OptionsQuestion { Mandatory = true }));
        var copied = Built(q => q.AddSingleChoice("employment", "Employment", Options, x => x with { Mandatory = true }));

        Assert.That(fresh, Is.EqualTo(copied));
        Assert.That(((OptionsQuestion)fresh).Options, Is.EqualTo(Options));
        Assert.That(fresh.Key, Is.EqualTo("employment"));
    }

    [Test]
    public void What_the_delegate_sets_wins_over_the_builders_values()
    {
        var question = Built(q => q.AddText("employer", "Employer", _ => new StringQuestion { Key = "company", Title = "Company", Mandatory = true }));

        Assert.That(question.Key, Is.EqualTo("company"));
        Assert.That(question.Title, Is.EqualTo(new LocalizedText("en", "Company")));
    }

    [Test]
    public void Every_question_kind_keeps_its_builders_values() =>
        Assert.Multiple(() =>
        {
            Assert.That(Built(q => q.AddText("k", "T", _ => new StringQuestion())).Key, Is.EqualTo("k"));
            Assert.That(((MultipleChoiceQuestion)Built(q => q.AddMultipleChoice("k", "T", Options, _ => new MultipleChoiceQuestion()))).Options, Has.Count.EqualTo(2));
            Assert.That(((DropdownQuestion)Built(q => q.AddDropdown("k", "T", Options, _ => new DropdownQuestion { Multiple = true }))).Options, Has.Count.EqualTo(2));
            Assert.That(Built(q => q.AddFile("k", "T", _ => new FileQuestion { FilesMaxCount = 2 })).Title, Is.EqualTo(new LocalizedText("en", "T")));
        });

    [Test]
    public void A_delegate_returning_null_is_an_error_that_says_so() =>
        Assert.That(() => Built(q => q.AddText("k", "T", _ => null!)), Throws.InvalidOperationException.With.Message.Contain("returned null"));

    [Test]
    public void New_session_flags_that_set_one_property_keep_the_language_and_return_url_the_builder_set()
    {
        var returnUrl = new Uri("https://bank.example/done");
        var fresh = new SessionBuilder().Language("ka").ReturnTo(returnUrl).Flags(_ => new SessionFlags { SkipDesktop = true }).Build().Flags!;
        var copied = new SessionBuilder().Language("ka").ReturnTo(returnUrl).Flags(f => f with { SkipDesktop = true }).Build().Flags!;
        var set = new SessionBuilder().Language("ka").Flags(_ => new SessionFlags { Language = "en" }).Build().Flags!;

        Assert.That(fresh, Is.EqualTo(copied));
        Assert.That(fresh.Language, Is.EqualTo(new LanguageCode("ka")));
        Assert.That(fresh.ReturnUrl, Is.EqualTo(returnUrl));
        Assert.That(fresh.SkipDesktop, Is.True);
        Assert.That(set.Language, Is.EqualTo(new LanguageCode("en")), "what the delegate sets wins");
        Assert.That(() => new SessionBuilder().Flags(_ => null!), Throws.InvalidOperationException.With.Message.EqualTo("The flags delegate returned null."));
    }
}
