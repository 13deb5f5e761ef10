import Glibc
print("ready"); fflush(stdout)
while true { sleep(1000) }
