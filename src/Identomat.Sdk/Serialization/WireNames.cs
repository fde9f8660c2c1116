namespace Identomat.Sdk.Serialization;

/// <summary>
/// The wire names that are spelled in more than one place: each record's <c>[JsonPropertyName]</c> and the
/// validator's error paths use these constants, so a name is written once.
/// </summary>
internal static class WireNames
{
    public const string AllowFaceUpload = "allow_face_upload";

    public const string Answer = "answer";

    public const string Description = "description";

    public const string DocumentCountries = "document_countries";

    public const string FileTypes = "fileTypes";

    public const string FilesMaxCount = "filesMaxCount";

    public const string Flags = "flags";

    public const string Key = "key";

    public const string Options = "options";

    public const string QuestionKey = "questionKey";

    public const string Questions = "questions";

    public const string ReturnUrl = "return_url";

    public const string ScheduleEndTime = "scheduleEndTime";

    public const string ScheduleStartTime = "scheduleStartTime";

    public const string ShowConditions = "showConditions";

    public const string Steps = "steps";

    public const string SuccessButtonTitle = "successButtonTitle";

    public const string SwitchDeviceUrl = "switch_device_url";

    public const string Title = "title";

    public const string Type = "type";
}
