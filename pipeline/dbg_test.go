package pipeline
import ("testing";"context";"fmt";"os";"github.com/kutip/kutip/gazetteer")
func TestDbg(t *testing.T){
 g,_:=gazetteer.Default()
 doc:=NewDocument("x",os.Getenv("DBG"))
 Standard(g).Process(context.Background(),doc)
 for _,e:=range doc.Entities{fmt.Println("E",e.Label,doc.Text[e.Start:e.End],"->",e.Name,e.Method)}
 for _,q:=range doc.Quotes{ sp:=""; if q.Speaker!=nil {sp=q.Speaker.Name+" @"+doc.Text[q.Speaker.Mention.Start:q.Speaker.Mention.End]}; fmt.Println("Q",q.Kind,doc.Text[q.Start:min(q.End,q.Start+30)],"|",sp,"|",q.Sources)}
 for _,tk:=range doc.Tokens{ if tk.Start>=0 {fmt.Print(tk.Norm,"/",tk.Kind," ")}}
}
