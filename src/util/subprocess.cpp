#include "paralint/util/subprocess.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>

namespace paralint {

std::optional<std::string> run_and_capture(const ProcessRequest& request, std::string& error) {
  if (request.argv.empty()) {
    error = "nothing to run";
    return std::nullopt;
  }
  std::string program = request.argv.front();
  // A relative path stays valid after the child changes directory.
  if (program.find('/') != std::string::npos) program = std::filesystem::absolute(program).string();
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) {
    error = "cannot create a pipe";
    return std::nullopt;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    error = "cannot fork";
    return std::nullopt;
  }
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    const int null_fd = open("/dev/null", O_RDWR);  // NOLINT(cppcoreguidelines-pro-type-vararg): POSIX
    if (null_fd >= 0) {
      dup2(null_fd, STDIN_FILENO);
      dup2(null_fd, STDERR_FILENO);
    }
    if (request.directory && chdir(request.directory->c_str()) != 0) _exit(126);
    alarm(request.timeout_seconds);  // survives exec
    std::vector<char*> args;
    args.reserve(request.argv.size() + 1);
    args.push_back(program.data());
    for (std::size_t i = 1; i < request.argv.size(); ++i) {
      args.push_back(const_cast<char*>(request.argv[i].c_str()));  // NOLINT(cppcoreguidelines-pro-type-const-cast): execvp's signature
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string output;
  std::array<char, 4096> buffer{};
  ssize_t count = 0;
  while ((count = read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
    output.append(buffer.data(), static_cast<std::size_t>(count));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    error = WTERMSIG(status) == SIGALRM ? "it did not answer within " + std::to_string(request.timeout_seconds) + " s"
                                        : "it was killed";
    return std::nullopt;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const int code = WEXITSTATUS(status);
    error = code == 127 ? "cannot run it" : code == 126 ? "cannot enter its directory" : "it exited with status " + std::to_string(code);
    return std::nullopt;
  }
  return output;
}

}  // namespace paralint
