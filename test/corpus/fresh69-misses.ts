// Cases of fresh69.jsonl that guard decides wrongly, with why. corpus.test.ts fails when one of
// them is decided right, so that it leaves this list.
export const fresh69Misses: Record<string, string> = {
  "f69-indirect-021": "not refused yet: rake runs a Rakefile task; Rakefiles are not read",
  "f69-indirect-023": "not refused yet: invoke runs a tasks.py task; tasks.py is not read",
  "f69-indirect-027": "not refused yet: nox runs a noxfile.py session; noxfiles are not read",
  "f69-indirect-029": "not refused yet: gradle runs an Exec task of build.gradle; Gradle builds are not read",
  "f69-indirect-033": "not refused yet: mvn clean runs an exec plugin bound in pom.xml; pom.xml is not read",
};
