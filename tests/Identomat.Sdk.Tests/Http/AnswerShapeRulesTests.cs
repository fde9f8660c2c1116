using System.Net;
using System.Text;
using Identomat.Sdk.Http;
using Identomat.Sdk.Tests.Boundaries;

namespace Identomat.Sdk.Tests.Http;

/// <summary>
/// The shapes the answer path recognises by their characters, at their edges: a vendor error code (upper-case
/// letters, digits and underscores, with a letter), a session token (lower-case letters and digits, 20 or more), and
/// the Retry-After bounds of a retry.
/// </summary>
public class AnswerShapeRulesTests
{
    [TestCase('A', true)]
    [TestCase('Z', true)]
    [TestCase('_', true)]
    [TestCase('0', true)]
    [TestCase('9', true)]
    [TestCase('@', false)]
    [TestCase('[', false)]
    [TestCase('a', false)]
    [TestCase('/', false)]
    [TestCase(':', false)]
    public void An_error_code_is_made_of_upper_case_letters_digits_and_underscores(char c, bool isCodeChar) =>
        Assert.That(AnswerErrors.IsCodeChar(c), Is.EqualTo(isCodeChar));

    [TestCase("Z", true)]
    [TestCase("A0_9", true)]
    [TestCase("123", false)]
    [TestCase("___", false)]
    [TestCase("Ab", false)]
    public void An_error_code_has_at_least_one_letter_and_no_other_character(string text, bool isCode) =>
        Assert.That(AnswerErrors.IsCode(text, text.Length + 2), Is.EqualTo(isCode));

    // delete/ refuses an answer shaped like a session token (a begin/ answer), and accepts any other string.
    [TestCase("abcdefghij0123456789", false)]
    [TestCase("abcdefghij012345678", true)]
    [TestCase("abcdefghij0123456789-", true)]
    [TestCase("--------------------", true)]
    [TestCase("~~~~~~~~~~~~~~~~~~~~", true)]
    [TestCase("abcdefghijABCDEFGHIJ", true)]
    public void Delete_refuses_a_string_shaped_like_a_session_token_only(string answer, bool accepted)
    {
        using var client = new IdentomatClient(
            new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes("\"" + answer + "\"")))),
            new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://stub.invalid/external-api/"), MaxRetries = 0 });

        if (accepted)
        {
            Assert.DoesNotThrowAsync(() => client.DeleteSessionAsync("tok"));
        }
        else
        {
            Assert.ThrowsAsync<IdentomatApiException>(() => client.DeleteSessionAsync("tok"));
        }
    }

    // Retried only when the wait fits both MaxRetryAfter (inclusive) and the total timeout (exclusive).
    [TestCase(10, true)]
    [TestCase(11, false)]
    [TestCase(30, false)]
    public void A_retry_after_is_retried_only_within_max_retry_after_and_inside_the_total_timeout(int seconds, bool retried)
    {
        var options = new IdentomatClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(30) };
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        using var answer = new Answer(response, []);

        Assert.That(RetryRules.ShouldRetry(null, answer, retryAfterSend: true, options, TimeProvider.System), Is.EqualTo(retried));
    }

    [Test]
    public void A_retry_after_equal_to_the_total_timeout_is_not_retried_even_when_max_retry_after_allows_it()
    {
        var options = new IdentomatClientOptions { MaxRetryAfter = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromSeconds(30) };
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
        using var answer = new Answer(response, []);

        Assert.That(RetryRules.ShouldRetry(null, answer, retryAfterSend: true, options, TimeProvider.System), Is.False);
    }

    // The email callback's address field is not documented: email, then emailAddress, then email_address.
    [TestCase("\"email\":\"a@x.example\",\"emailAddress\":\"b@x.example\",\"email_address\":\"c@x.example\"", "a@x.example")]
    [TestCase("\"emailAddress\":\"b@x.example\",\"email_address\":\"c@x.example\"", "b@x.example")]
    [TestCase("\"email_address\":\"c@x.example\"", "c@x.example")]
    public void An_email_callback_reads_the_first_present_spelling_of_its_address(string fields, string expected)
    {
        var parser = new IdentomatCallbackParser(["cb"], "secret");

        var callback = (EmailOneTimePasswordRequestCallback)parser.Parse("{\"callbackApiKey\":\"cb\",\"type\":\"email-one-time-password-request\"," + fields + "}");

        Assert.That(callback.Email, Is.EqualTo(expected));
    }
}
