using Identomat.Sdk;

// Quickstart: describe a verification flow and print the exact JSON the SDK sends to begin/.
var request = new SessionBuilder()
    .Language(LanguageCode.English)
    .ReturnTo(new Uri("https://example.com/kyc/done"))
    .ForClientUser("user-42")
    .AddIdentityDocument(f => f with { DocumentTypes = [DocumentType.Passport, DocumentType.Id], AllowDocumentUpload = true })
    .AddLiveness()
    .AddUserQuestionnaire("about_you", "About you", q => q
        .AddSingleChoice("employment", "Employment status", [new("employed", "Employed"), new("student", "Student"), new("other", "Other")], x => x with { Mandatory = true })
        .AddText("employer", "Employer", x => x with { ShowConditions = new("employment", "employed") }))
    .Build();

Console.WriteLine(request.ToJson());
return 0;
