#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Http;

/// <summary>What the SDK shows of a server's body: excerpts that never show a key, whatever the window, the charset or the escaping.</summary>
public class ServerTextTests
{
    // The excerpt is decoded from a byte window sized for plain text; a body dense in \uXXXX
    // escapes (6 bytes -> 1 char) makes the window end before 512 characters, so a key that straddles the window's
    // end is cut before redaction and survives in part (18 of its 19 characters).
    [Test]
    public void Excerpt_never_shows_a_key_cut_by_the_read_window()
    {
        var key = Hostile.CompanyKey;
        var window = (512 * 4) + (Hostile.Token.Length * 6 * 4); // what ServerText reads: 512*4 + longest secret*24
        var keyStart = window - (key.Length - 1);                 // the window ends one character before the key does
        var escapes = keyStart / 6;
        var body = string.Concat(Enumerable.Repeat("\\u0041", escapes)) + new string('.', keyStart - (escapes * 6)) + key + " and more";
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body)));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        Hostile.AssertNoSecret(ex!.ResponseBodyExcerpt);
    }

    // Error bodies are always decoded as UTF-8, whatever their charset. A UTF-16 error page that
    // echoes the company key becomes "c k _ H O S T I L E _ Z q 8 1 x v 0 p" (NULs replaced by spaces): the key is
    // in the excerpt, readable, and no redaction matched it.
    [Test]
    public void Excerpt_of_a_UTF16_error_body_does_not_show_the_key()
    {
        var body = Encoding.Unicode.GetBytes("{\"error\":\"invalid company_key " + Hostile.CompanyKey + "\"}");
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.BadRequest, body, "application/json; charset=utf-16"));
        using var client = handler.Client();

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.GetResultAsync(Hostile.Token));

        var visible = new string((ex!.ResponseBodyExcerpt ?? string.Empty).Where(c => c != ' ').ToArray());
        Hostile.AssertNoSecret(visible);
    }

    // The SDK writes begin/'s body with the relaxed encoder, so
    // such a key goes out as ck\\… or ck\"…; a server that echoes the request body in its 400 answer returns exactly
    // that, and the excerpt's unescaping resolves only \uXXXX and \/, so the JSON-escaped key is not redacted.
    [TestCase("ck\\HOSTILE\\Zq81xv0p")]
    [TestCase("ck\"HOSTILE\"Zq81xv0p")]
    public void Excerpt_redacts_a_key_in_the_JSON_form_the_SDK_itself_sent(string key)
    {
        var handler = new StubHandler(request =>
            StubHandler.Answer(HttpStatusCode.BadRequest, request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult()));
        using var client = handler.Client(o => o.CompanyKey = key);

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(Hostile.Flow));

        Assert.That(ex!.ResponseBodyExcerpt, Does.Not.Contain("HOSTILE").And.Not.Contain("Zq81xv0p"));
    }
}
