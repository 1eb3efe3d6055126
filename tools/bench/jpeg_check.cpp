// Cost of the loader's corrupt-JPEG-data pass (io::jpegDataWarning) against OpenCV's decode of the
// same file: blurred noise (a worst case for entropy-coded data) at three sizes, 20 runs each.
//   g++ -O2 -std=c++17 -Icore/src tools/bench/jpeg_check.cpp core/src/io/DecoderProbes.cpp \
//       $(pkg-config --cflags --libs opencv4) -ljpeg -ltiff -o /tmp/jpeg_check && /tmp/jpeg_check
#include "io/DecoderProbes.h"
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <chrono>
#include <cstdio>
int main(){
  for (int side : {256, 1024, 2048}) {
  cv::Mat m(side,side,CV_8UC3); cv::randu(m,0,255); cv::GaussianBlur(m,m,cv::Size(7,7),0);
  std::vector<uchar> b; cv::imencode(".jpg",m,b);
  auto t=std::chrono::steady_clock::now(); int n=20;
  for(int i=0;i<n;i++) cv::imdecode(b,cv::IMREAD_COLOR);
  double dec=std::chrono::duration<double>(std::chrono::steady_clock::now()-t).count()/n;
  t=std::chrono::steady_clock::now();
  for(int i=0;i<n;i++) cada::io::jpegDataWarning(b.data(),b.size());
  double chk=std::chrono::duration<double>(std::chrono::steady_clock::now()-t).count()/n;
  printf("%d px: decode %.2f ms, check %.2f ms (%.0f%%)\n", side, dec*1e3, chk*1e3, 100*chk/dec);
  }
}
