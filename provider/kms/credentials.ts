/**
 * The `@alicloud/credentials` object behind a client whose settings carry no static keys:
 * the default chain, or — for `alicloud:profile` — the two profile providers of that library
 * (the CLI's `~/.aliyun/config.json` and the INI `~/.alibabacloud/credentials`) asked for that
 * profile by name. Naming the profile on the providers, rather than setting
 * `ALIBABA_CLOUD_PROFILE`, keeps process.env untouched and lets two stacks use two profiles.
 */
import Credential, {
  CLIProfileCredentialsProvider,
  CredentialsProvider,
  ProfileCredentialsProvider,
} from "@alicloud/credentials";
import type { KmsSettings } from "./settings";

type Credentials = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

/** Tries the CLI profile, then the INI profile, of one name; remembers which one worked. */
class NamedProfileProvider implements CredentialsProvider {
  private readonly providers: CredentialsProvider[] = [];
  private lastGood?: CredentialsProvider;

  constructor(private readonly profile: string) {
    try {
      // Throws when ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true: then only the INI file is asked.
      this.providers.push(CLIProfileCredentialsProvider.builder().withProfileName(profile).build());
    } catch {
      // disabled
    }
    this.providers.push(ProfileCredentialsProvider.builder().withProfileName(profile).build());
  }

  getCredentials = async (): Promise<Credentials> => {
    if (this.lastGood) return this.lastGood.getCredentials();
    const reasons: string[] = [];
    for (const p of this.providers) {
      try {
        const c = await p.getCredentials();
        this.lastGood = p;
        return c;
      } catch (err) {
        reasons.push(err instanceof Error ? err.message : String(err));
      }
    }
    throw new Error(
      `unable to get credentials for profile "${this.profile}" from ~/.aliyun/config.json or ` +
        `~/.alibabacloud/credentials: ${reasons.join(", ")}`,
    );
  };

  getProviderName = (): string => "profile";
}

/** The credential object for chain settings (`credentialType: "chain"`). */
export function chainCredential(settings: KmsSettings): Credential {
  if (settings.credentialSource === "profile" && settings.profile) {
    return new Credential(null, new NamedProfileProvider(settings.profile));
  }
  // No config: the library's default chain (env, OIDC, CLI profile, INI, ECS RAM role, URI).
  return new Credential();
}
